//! `sopkit import` of rows drawn as signed sheets draw them: several
//! symbols in one row, unlabelled exits, sub-row numbers.

use sopkit::model::{JenisSimbol, Target};

use super::import::{definition, legacy, stdout};
use super::support::*;

/// Rows drawn as signed sheets draw them (fixtures/legacy/buat.py,
/// `rows_drawn`), numbered 1, 2, 2a, 3, 4: a diamond beside the box one of
/// its exits leads to, two diamonds in turn, a Selesai terminator in two
/// columns. Each comes back symbol by symbol under `simbol:`, exits with
/// the labels drawn beside them and none made up, targets as printed; the
/// definition passes `check`.
#[test]
fn rows_with_several_symbols_import_symbol_by_symbol_with_their_printed_numbers() {
    let test = TestProject::copy("bali");
    let sops = test.root.join("sops");
    std::fs::remove_dir_all(&sops).unwrap();
    std::fs::create_dir(&sops).unwrap();
    let output = sopkit(&["import", &legacy("baris/baris-bergambar.xlsx"), "-o", sops.to_str().unwrap()]);
    let said = stderr(&output);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("5 steps, 3 actors, 3 decision(s) from drawn shapes"), "{said}");
    assert!(!said.contains("numbers its steps"), "sub-rows are kept, not renumbered:\n{said}");
    // The two exits the drawing labels nowhere are listed at their diamond,
    // by the numbers the sheet prints.
    for (cell, step, target) in [("C11", "2", "2a"), ("D15", "3", "4")] {
        let line = format!(
            "cell {cell}: step {step}: the decision's exit to step {target} has no label beside it; written without one"
        );
        assert!(said.contains(&line), "{line}:\n{said}");
    }
    let check = sopkit(&["check", test.root.to_str().unwrap()]);
    assert!(check.status.success(), "the import passes check:\n{}", stderr(&check));

    let def = definition(&PathBuf::from(stdout(&output).trim()));
    let nomor: Vec<Option<&str>> = def.langkah.iter().map(|s| s.nomor.as_ref().map(|n| n.0.as_str())).collect();
    assert_eq!(nomor, [None, None, Some("2a"), None, None]);
    assert_eq!(def.printed_numbers(), ["1", "2", "2a", "3", "4"]);
    assert!(def.langkah[0].simbol.is_none() && def.langkah[2].simbol.is_none(), "simple rows as before");
    let id = |t: &str| Target::Id(t.to_owned());
    // Per symbol: its actor, kind, exits (label, targets), lanjut, id.
    let cells = |step: usize| {
        let cells = def.langkah[step].simbol.as_ref().unwrap_or_else(|| panic!("step {step} has simbol"));
        cells
            .iter()
            .map(|c| {
                let exits: Vec<(Option<String>, Vec<Target>)> = c.keputusan.as_ref().map_or_else(Vec::new, |k| {
                    k.exits().into_iter().map(|(label, to, _)| (label, to.into_iter().cloned().collect())).collect()
                });
                let lanjut: Vec<Target> =
                    c.lanjut.as_ref().map_or_else(Vec::new, |l| l.list().into_iter().cloned().collect());
                (c.pelaksana.clone(), c.jenis, exits, lanjut, c.id.clone())
            })
            .collect::<Vec<_>>()
    };
    let label = |l: &str| Some(l.to_owned());
    // 2: the diamond's labelled exit along the row to the box, its
    // unlabelled one to 2a; the box on to 3, past 2a.
    assert_eq!(
        cells(1),
        [
            (
                "staf".to_owned(),
                None,
                vec![(label("Lengkap"), vec![id("kepala_seksi_2")]), (None, vec![id("2a")])],
                vec![],
                None
            ),
            ("kepala_seksi".to_owned(), None, vec![], vec![Target::Nomor(3)], Some("kepala_seksi_2".to_owned())),
        ]
    );
    // 3: two diamonds in turn.
    assert_eq!(
        cells(3),
        [
            (
                "staf".to_owned(),
                None,
                vec![(label("Sesuai"), vec![id("kepala_seksi_3")]), (label("Tidak"), vec![id("2a")])],
                vec![],
                None
            ),
            (
                "kepala_seksi".to_owned(),
                None,
                vec![(None, vec![Target::Nomor(4)]), (label("Ditolak"), vec![Target::Nomor(1)])],
                vec![],
                Some("kepala_seksi_3".to_owned())
            ),
        ]
    );
    assert_eq!(def.langkah[3].simbol.as_ref().unwrap()[1].teks.as_deref(), Some("Setuju?"));
    // 4: a Selesai terminator in each of two columns.
    let end = |actor: &str| (actor.to_owned(), Some(JenisSimbol::Selesai), vec![], vec![], None);
    assert_eq!(cells(4), [end("staf"), end("kepala_seksi")]);
}
