//! Every fixture output, byte for byte: the sheets, decrees and books of
//! the fixture projects, every report of their runs and every definition
//! imported from the legacy workbooks (with their Typst sources) hash to
//! what `fixtures/outputs.sha256` records. The hashes were taken before the
//! restructure of the source tree (issue 13), and held through it; a change
//! that alters any output updates them on purpose
//! (tests/support/fixture-outputs.sh prints them), as the first layout fixes
//! of issue 14 did (a procedure page's budget counts the gap under its
//! title; exit labels placed clear of arrows where the column allows), and
//! the book bound part by part (issue 25: its objects numbered after its
//! page tree, same pages and text).

use super::support::*;

#[test]
fn every_fixture_output_is_byte_identical_to_the_recorded_one() {
    let out = tempfile::tempdir().unwrap();
    let listing = Command::new("bash")
        .arg(root().join("tests/support/fixture-outputs.sh"))
        .arg(env!("CARGO_BIN_EXE_sopkit"))
        .arg(out.path())
        .output()
        .expect("run bash");
    assert!(listing.status.success(), "{}", String::from_utf8_lossy(&listing.stderr));
    let actual = String::from_utf8(listing.stdout).unwrap();
    let expected = std::fs::read_to_string(root().join("fixtures/outputs.sha256")).unwrap();
    let lines = |text: &str| -> Vec<String> { text.lines().map(str::to_owned).collect() };
    let (actual, expected) = (lines(&actual), lines(&expected));
    let changed: Vec<&String> = actual.iter().filter(|l| !expected.contains(l)).collect();
    let missing: Vec<&String> = expected.iter().filter(|l| !actual.contains(l)).collect();
    assert!(changed.is_empty() && missing.is_empty(), "outputs changed:\n{changed:#?}\nexpected:\n{missing:#?}");
    assert!(expected.len() >= 40, "the listing covers builds, reports and imports");
}
