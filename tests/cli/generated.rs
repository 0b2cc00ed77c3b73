//! Hard flows made by a deterministic generator: three to fifteen actors
//! named as real agencies name them (long names, long words), ten to
//! forty-five steps, steps done by two or three actors together (in
//! sequence or in parallel), forks that join, terminators beside the first
//! and last step, texts inside symbols, up to six decisions (two to four
//! exits, labelled in real sheets' words, some left unlabelled) whose exits
//! jump forward and back across pages; and rows as real sheets draw them
//! (`simbol:`): a decision beside the box its exit leads to, two decisions
//! in turn, a start beside the others' boxes, actors ending together,
//! arrows along a row with two heads or none, sub-rows numbered 7a. All
//! 200 must check, build and read without a single defect by the reader's
//! check (`reader.rs`), text size and header names included.

use super::reader::{defects, names_outside_their_columns, read_drawing, small_texts, unseen_inks};
use super::support::*;

/// A small deterministic generator (xorshift), so the same seed gives the
/// same flows on every machine.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `range`.
    fn pick(&mut self, range: std::ops::RangeInclusive<usize>) -> usize {
        range.start() + (self.next() % (range.end() - range.start() + 1) as u64) as usize
    }
}

const WORDS: [&str; 12] = [
    "laporan",
    "dokumen",
    "permohonan",
    "data",
    "surat",
    "berkas",
    "hasil",
    "jadwal",
    "usulan",
    "rekap",
    "disposisi",
    "verifikasi",
];
const VERBS: [&str; 8] =
    ["Menyiapkan", "Memeriksa", "Mengirim", "Menerima", "Menyusun", "Mencatat", "Mengarsipkan", "Menyampaikan"];

/// Exit labels real SOPs write (docs/domain.md section 5), short and long,
/// in sets of two to four.
const LABELS: [&[&str]; 8] = [
    &["Ya", "Tidak"],
    &["Y", "T"],
    &["Lengkap", "Belum Lengkap"],
    &["Dalam kota", "Luar kota"],
    &["Online", "Offline", "Ditunda"],
    &["A", "B", "C", "D"],
    &["Sesuai", "Teknis", "Administratif", "Tidak perlu"],
    &["Disetujui", "Disetujui dengan catatan", "Ditolak"],
];

/// Actors as real sheets name them: short, long, and with words too long
/// for a crowded column.
const ACTORS: [&str; 16] = [
    "Kepala Dinas",
    "Sekretaris",
    "Kepala Sub Bagian Umum dan Kepegawaian",
    "Pejabat Pembuat Komitmen",
    "Bendahara Pengeluaran",
    "Pejabat Pengadaan Barang/Jasa",
    "Kelompok Kerja Pemilihan",
    "Kepala Bidang Pertanggungjawaban",
    "Staf Pelaksana",
    "Operator SIKS-NG",
    "Tim Verifikasi",
    "Kepala Seksi Penyelenggaraan",
    "Pengelola Kesekretariatan",
    "Petugas Loket",
    "Pemohon",
    "Camat",
];

/// Short texts real sheets write inside a symbol.
const TEXTS: [&str; 8] = [
    "Via Email",
    "Setuju?",
    "Perlu disposisi?",
    "TTE",
    "Cek data",
    "Online",
    "Kirim via email",
    "Disetujui dengan catatan?",
];

/// One hard flow as a definition. One exit of every decision goes to the
/// next step, so every step is reached and every loop has a way out; the
/// other one to three exits loop back or jump ahead, in any order. Besides:
/// steps done together in sequence and in parallel, forks to two or three
/// branches that join, a Mulai and a Selesai terminator beside their steps,
/// and texts inside symbols.
pub fn hard_flow(seed: u64) -> String {
    let mut dice = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let actors = dice.pick(3..=15);
    let first_name = dice.pick(0..=ACTORS.len() - 1);
    let steps = dice.pick(10..=45);
    // What each step (0-based) is; a plain step unless chosen below.
    #[derive(Clone, Copy, PartialEq)]
    enum Kind {
        Plain,
        Decision,
        Fork(usize),
        Branch(usize),
        Parallel,
        /// A row of symbols: a decision whose first exit goes along the
        /// row to another actor's box.
        Beside,
        /// A row of two decisions by two actors, in turn.
        TwoDecisions,
    }
    let mut kinds = vec![Kind::Plain; steps];
    let free =
        |kinds: &[Kind], range: std::ops::Range<usize>| range.clone().all(|i| i < steps && kinds[i] == Kind::Plain);
    for _ in 0..dice.pick(0..=2) {
        // A fork at f to f+1 .. f+width, each branch joining at f+width+1.
        let width = dice.pick(2..=3);
        let f = dice.pick(1..=steps.saturating_sub(width + 3).max(1));
        if free(&kinds, f..f + width + 2) {
            kinds[f] = Kind::Fork(width);
            (1..=width).for_each(|k| kinds[f + k] = Kind::Branch(f + width + 1));
        }
    }
    for _ in 0..dice.pick(0..=2) {
        let p = dice.pick(2..=steps - 2);
        if free(&kinds, p - 1..p + 2) && actors >= 3 {
            kinds[p] = Kind::Parallel;
        }
    }
    for _ in 0..dice.pick(1..=6.min(steps / 4)) {
        let at = dice.pick(1..=steps - 3);
        if free(&kinds, at..at + 1) && kinds[at + 1] != Kind::Parallel {
            kinds[at] = Kind::Decision;
        }
    }
    for _ in 0..dice.pick(0..=2) {
        let at = dice.pick(1..=steps - 3);
        if free(&kinds, at..at + 2) && actors >= 2 {
            kinds[at] = if dice.pick(0..=1) == 0 { Kind::Beside } else { Kind::TwoDecisions };
        }
    }
    let printed = printed_numbers(&mut dice, steps);
    // A 1-based step number as the sheet prints it.
    let number = |t: usize| printed[t - 1].clone();
    // Steps an exit may jump to: not one done in parallel (only the step
    // before enters those).
    let target = |dice: &mut Dice, s: usize| loop {
        let t = if dice.pick(0..=3) == 0 && s + 3 <= steps { dice.pick(s + 3..=steps) } else { dice.pick(1..=s) };
        if kinds[t - 1] != Kind::Parallel {
            break t;
        }
    };
    let mut yaml = format!(
        "nomor: \"GEN/{seed}\"\nnama: Alur Uji {seed}\ntanggal_pembuatan: 2024-01-02\ntanggal_efektif: 2024-01-02\npelaksana:\n"
    );
    for a in 0..actors {
        yaml.push_str(&format!("  a{a}: {}\n", ACTORS[(first_name + a) % ACTORS.len()]));
    }
    yaml.push_str("langkah:\n");
    for (s, &kind) in kinds.iter().enumerate() {
        // A sub-row writes its number; the others are counted on.
        let own_number = if printed[s].ends_with(|c: char| c.is_ascii_alphabetic()) {
            format!("nomor: {}\n    ", printed[s])
        } else {
            String::new()
        };
        let words = dice.pick(2..=14);
        let text: Vec<&str> = (0..words).map(|_| WORDS[dice.pick(0..=WORDS.len() - 1)]).collect();
        // One actor, or (not for a decision, nor the first and last step)
        // two or three doing it together, listed the way their columns go,
        // left to right or right to left.
        let together = match kind {
            Kind::Parallel => dice.pick(2..=3),
            Kind::Beside | Kind::TwoDecisions => 2,
            Kind::Decision => 1,
            _ if s == 0 || s + 1 == steps => 1,
            _ if dice.pick(0..=5) == 0 => dice.pick(2..=3),
            _ => 1,
        };
        let first = dice.pick(0..=actors - together);
        let mut lanes: Vec<usize> =
            (first..first + together).map(|a| a + dice.pick(0..=1).min(actors - first - together)).collect();
        lanes.dedup();
        if dice.pick(0..=1) == 0 {
            lanes.reverse();
        }
        if lanes.len() < together {
            // Two actors side by side where the dice put them in one column.
            lanes = vec![first, if first + 1 < actors { first + 1 } else { first - 1 }];
        }
        // The first and last rows, now and then as real sheets draw them: a
        // start beside the others' boxes; several actors ending together.
        let symbols_row = match kind {
            Kind::Plain if s == 0 && actors >= 2 && dice.pick(0..=3) == 0 => Some("mulai"),
            Kind::Plain if s + 1 == steps && actors >= 2 && dice.pick(0..=3) == 0 => Some("selesai"),
            Kind::Plain if lanes.len() > 1 && dice.pick(0..=2) == 0 => Some("panah"),
            _ => None,
        };
        if symbols_row.is_some() && lanes.len() == 1 {
            let other = if lanes[0] + 1 < actors { lanes[0] + 1 } else { lanes[0] - 1 };
            lanes.push(other);
        }
        let pelaksana = match (kind, symbols_row, &lanes[..]) {
            (Kind::Beside | Kind::TwoDecisions, _, _) | (_, Some(_), _) => String::new(),
            (_, None, [one]) => format!("    pelaksana: a{one}\n"),
            (_, None, many) => {
                format!("    pelaksana: [{}]\n", many.iter().map(|a| format!("a{a}")).collect::<Vec<_>>().join(", "))
            }
        };
        yaml.push_str(&format!(
            "  - {own_number}kegiatan: {} {}\n{pelaksana}    waktu: {} menit\n",
            VERBS[dice.pick(0..=VERBS.len() - 1)],
            text.join(" "),
            dice.pick(5..=60)
        ));
        if let Some(row) = symbols_row {
            yaml.push_str(&symbols_row_yaml(row, &lanes, &mut dice));
            continue;
        }
        if lanes.len() > 1 && kind == Kind::Parallel {
            yaml.push_str("    paralel: true\n");
        }
        if dice.pick(0..=7) == 0 && !matches!(kind, Kind::Beside | Kind::TwoDecisions) {
            yaml.push_str(&format!("    teks: {}\n", TEXTS[dice.pick(0..=TEXTS.len() - 1)]));
        }
        // A terminator beside the first or last step, in its own column or
        // another.
        if (s == 0 || s + 1 == steps) && dice.pick(0..=2) == 0 {
            let key = if s == 0 { "mulai" } else { "selesai" };
            let lane = if dice.pick(0..=1) == 0 { lanes[0] } else { dice.pick(0..=actors - 1) };
            yaml.push_str(&format!("    {key}: a{lane}\n"));
        }
        // Some exits the sheet leaves unlabelled.
        let unlabelled = dice.pick(0..=5) == 0;
        let exit = |label: &str, to: usize, k: usize| {
            if unlabelled && k == 0 {
                format!("{{ ke: {} }}", number(to))
            } else {
                format!("{{ label: {label}, ke: {} }}", number(to))
            }
        };
        match kind {
            Kind::Fork(width) => {
                let branches: Vec<String> = (1..=width).map(|k| number(s + k + 1)).collect();
                yaml.push_str(&format!("    lanjut: [{}]\n", branches.join(", ")));
            }
            Kind::Branch(join) if s + 1 != join => yaml.push_str(&format!("    lanjut: {}\n", number(join + 1))),
            Kind::Decision => {
                // 1-based numbers: this step is s + 1, the next one s + 2.
                let labels = LABELS[dice.pick(0..=LABELS.len() - 1)];
                let exits = dice.pick(2..=labels.len());
                let mut targets = vec![s + 2];
                while targets.len() < exits {
                    let t = target(&mut dice, s + 1);
                    if !targets.contains(&t) && t != s + 1 {
                        targets.push(t);
                    }
                }
                let turn = dice.pick(0..=targets.len() - 1);
                targets.rotate_left(turn);
                if labels[0] == "Ya" {
                    let (ya, tidak) = (number(targets[0]), number(targets[1]));
                    yaml.push_str(&format!("    keputusan: {{ ya: {ya}, tidak: {tidak} }}\n"));
                } else {
                    yaml.push_str("    keputusan:\n");
                    for (k, (label, &to)) in labels.iter().zip(&targets).enumerate() {
                        yaml.push_str(&format!("      - {}\n", exit(label, to, k)));
                    }
                }
            }
            Kind::Beside => {
                let labels = LABELS[dice.pick(2..=LABELS.len() - 1)];
                let back = target(&mut dice, s + 1);
                yaml.push_str(&beside_yaml(s, &lanes, labels, back, &exit));
            }
            Kind::TwoDecisions => {
                let backs = (target(&mut dice, s + 1), target(&mut dice, s + 1));
                yaml.push_str(&two_decisions_yaml(s, &lanes, backs, &number, &exit));
            }
            _ => {}
        }
    }
    yaml
}

/// Numbers as sheets print them: now and then a sub-row ("7a") after the
/// step before, the steps after it counting on from there.
fn printed_numbers(dice: &mut Dice, steps: usize) -> Vec<String> {
    let mut printed: Vec<String> = Vec::with_capacity(steps);
    let (mut last, mut sub) = (0, b'a');
    for s in 0..steps {
        if s > 0 && s + 1 < steps && dice.pick(0..=15) == 0 {
            printed.push(format!("{last}{}", char::from(sub)));
            sub += 1;
        } else {
            last += 1;
            sub = b'a';
            printed.push(last.to_string());
        }
    }
    printed
}

/// A first row with a start beside the others' boxes (`mulai`), a last row
/// of actors ending together (`selesai`), or (any other) a row of boxes
/// joined by arrows of two heads, no head or one.
fn symbols_row_yaml(row: &str, lanes: &[usize], dice: &mut Dice) -> String {
    let mut yaml = String::from("    simbol:\n");
    match row {
        "mulai" => {
            yaml.push_str(&format!("      - {{ pelaksana: a{}, jenis: mulai }}\n", lanes[0]));
            yaml.push_str(&format!("      - {{ pelaksana: a{} }}\n", lanes[1]));
        }
        "selesai" => {
            for lane in lanes {
                yaml.push_str(&format!("      - {{ pelaksana: a{lane}, jenis: selesai }}\n"));
            }
        }
        _ => {
            let heads = ["dua", "tanpa", "satu"][dice.pick(0..=2)];
            for (k, lane) in lanes.iter().enumerate() {
                let panah = if k + 1 < lanes.len() { format!(", panah: {heads}") } else { String::new() };
                yaml.push_str(&format!("      - {{ pelaksana: a{lane}{panah} }}\n"));
            }
        }
    }
    yaml
}

/// Step `s` (0-based) as a decision beside a box: its first exit along the
/// row to the other actor's box, which goes on to the next step; the
/// others down to the next step or `back`.
fn beside_yaml(
    s: usize,
    lanes: &[usize],
    labels: &[&str],
    back: usize,
    exit: &dyn Fn(&str, usize, usize) -> String,
) -> String {
    let (a, b) = (lanes[0], lanes[1]);
    let mut yaml = format!("    simbol:\n      - pelaksana: a{a}\n        keputusan:\n");
    yaml.push_str(&format!("          - {{ label: {}, ke: b{s} }}\n", labels[0]));
    yaml.push_str(&format!("          - {}\n", exit(labels[1], s + 2, 0)));
    if back != s + 1 && back != s + 2 && labels.len() > 2 {
        yaml.push_str(&format!("          - {}\n", exit(labels[2], back, 1)));
    }
    yaml.push_str(&format!("      - {{ id: b{s}, pelaksana: a{b} }}\n"));
    yaml
}

/// Step `s` (0-based) as two decisions in turn: one actor checks, then the
/// other; each one's "no" goes back (to `backs`, or on where that is the
/// step itself).
fn two_decisions_yaml(
    s: usize,
    lanes: &[usize],
    (back_a, back_b): (usize, usize),
    number: &dyn Fn(usize) -> String,
    exit: &dyn Fn(&str, usize, usize) -> String,
) -> String {
    let (a, b) = (lanes[0], lanes[1]);
    let mut yaml = format!("    simbol:\n      - pelaksana: a{a}\n        keputusan:\n");
    yaml.push_str(&format!("          - {{ label: Sesuai, ke: b{s} }}\n"));
    let first_back = if back_a == s + 1 { s + 2 } else { back_a };
    yaml.push_str(&format!("          - {{ label: Tidak, ke: {} }}\n", number(first_back)));
    yaml.push_str(&format!("      - id: b{s}\n        pelaksana: a{b}\n        keputusan:\n"));
    yaml.push_str(&format!("          - {}\n", exit("Sesuai", s + 2, 0)));
    let to = if back_b == s + 1 { s + 2 } else { back_b };
    let second = if to == s + 2 { "Sesuai dengan catatan" } else { "Tidak" };
    yaml.push_str(&format!("          - {{ label: {second}, ke: {} }}\n", number(to)));
    yaml
}

/// A project of `count` generated flows, on Legal paper (landscape, as
/// panjang's), the width real sheets of fifteen actors take.
pub fn project_of_hard_flows(count: u64) -> TestProject {
    let test = TestProject::copy("panjang");
    let config = std::fs::read_to_string(test.path("sopkit.toml")).unwrap();
    assert!(config.contains("paper = \"a4\""), "panjang is on A4");
    test.write("sopkit.toml", &config.replace("paper = \"a4\"", "paper = \"legal\""));
    std::fs::remove_dir_all(test.path("sops")).unwrap();
    for seed in 1..=count {
        test.write(&format!("sops/alur-{seed:03}.yaml"), &hard_flow(seed));
    }
    test
}

#[test]
fn the_generator_is_deterministic_and_varied() {
    assert_eq!(hard_flow(7), hard_flow(7));
    assert_ne!(hard_flow(7), hard_flow(8));
    let steps = |yaml: &str| yaml.matches("  - kegiatan:").count();
    let actors = |yaml: &str| yaml.lines().filter(|line| line.starts_with("  a")).count();
    let flows: Vec<String> = (1..=200).map(hard_flow).collect();
    assert!(flows.iter().any(|f| steps(f) >= 40) && flows.iter().any(|f| steps(f) <= 15));
    for count in [3, 8, 12, 15] {
        assert!(flows.iter().filter(|f| actors(f) == count).count() >= 5, "{count} actors");
    }
    assert!(flows.iter().any(|f| f.contains("label: Disetujui dengan catatan,")), "the longest label");
    assert!(flows.iter().filter(|f| f.contains("nomor: ") && f.contains("a\n")).count() >= 20, "sub-rows");
    assert!(flows.iter().any(|f| f.matches("keputusan").count() >= 5));
    assert!(flows.iter().any(|f| f.contains("label: T,")) && flows.iter().any(|f| f.contains("ya: ")));
    assert!(flows.iter().any(|f| f.contains("label: Belum Lengkap,")), "long labels");
    assert!(flows.iter().any(|f| f.contains("label: Ditunda,")), "three exits");
    assert!(flows.iter().any(|f| f.contains("label: D,")), "four exits");
    assert!(flows.iter().any(|f| f.contains("pelaksana: [a") && f.matches(", a").count() >= 2), "joint steps");
    let count = |what: &str| flows.iter().filter(|f| f.contains(what)).count();
    for construct in [
        "paralel: true",
        "lanjut: [",
        "mulai: ",
        "selesai: ",
        "teks: ",
        "jenis: mulai",
        "jenis: selesai",
        "ke: b",
        "label: Sesuai, ke: b",
        "panah: dua",
        "panah: tanpa",
        "- { ke: ",
    ] {
        assert!(count(construct) >= 20, "{construct} in {} flows", count(construct));
    }
}

#[test]
fn two_hundred_hard_flows_check_build_and_read_without_a_defect() {
    let test = project_of_hard_flows(200);
    let output = test.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut found = Vec::new();
    let mut sheets = 0;
    for entry in std::fs::read_dir(test.out().join("sop")).unwrap() {
        let pdf = entry.unwrap().path();
        sheets += 1;
        let drawing = read_drawing(&pdf);
        assert_eq!(unseen_inks(&drawing), [], "{}: the reader sees the flowchart", pdf.display());
        let seed: u64 = pdf.file_stem().unwrap().to_string_lossy()["alur-".len()..].parse().unwrap();
        let definition = hard_flow(seed);
        let names: Vec<&str> = definition
            .lines()
            .filter(|l| l.starts_with("  a"))
            .filter_map(|l| l.split_once(": ").map(|(_, n)| n))
            .collect();
        for defect in
            defects(&drawing).into_iter().chain(small_texts(&pdf)).chain(names_outside_their_columns(&drawing, &names))
        {
            found.push(format!("{}: {defect}", pdf.file_name().unwrap().to_string_lossy()));
        }
    }
    assert_eq!(sheets, 200);
    assert!(found.is_empty(), "{} defects:\n{}", found.len(), found.join("\n"));
}

/// Writes the generated project to `$SOPKIT_GENERATED` to look at (not a
/// check: run with `--ignored`).
#[test]
#[ignore]
fn write_the_generated_flows() {
    let Some(to) = std::env::var_os("SOPKIT_GENERATED") else { return };
    let test = project_of_hard_flows(200);
    copy_dir(&test.root, std::path::Path::new(&to));
}
