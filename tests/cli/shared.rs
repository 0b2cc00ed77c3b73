//! Positions, Dasar Hukum and revisions shared through sopkit.toml: a
//! rename is one line and one revision entry, and every sheet, the book,
//! the decree and the portal show it; `sopkit satukan` moves an existing
//! project to shared positions without changing a printed character.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{TestProject, pdf_text, sopkit, sopkit_in, squash, stderr};

const OLD: &str = "Kepala Sub Bagian Umum dan Kepegawaian";
const NEW: &str = "Ketua Tim Kerja Umum dan Kepegawaian";
const CHANGE: &str = "Perubahan nama jabatan Kepala Sub Bagian menjadi Ketua Tim Kerja";

/// An SOP of its own words whose middle column is the shared position.
fn generated_sop(n: usize) -> String {
    format!(
        "nomor: \"800/{n:03}/DKIS\"\nnama: Pelayanan Administrasi Nomor {n}\ntanggal_pembuatan: 2023-0{m}-1{d}\n\
         tanggal_efektif: 2023-10-01\ndasar_hukum:\n  - permenpan_35_2012\n  - Peraturan Walikota Denpasar Nomor {n} Tahun 2020\n\
         pelaksana:\n  pemohon: Pemohon {n}\n  kasubag:\n  kadis: kepala_dinas\nlangkah:\n\
         \x20 - kegiatan: Mengajukan berkas layanan {n}\n    pelaksana: pemohon\n    waktu: 5 menit\n\
         \x20 - kegiatan: Memeriksa berkas layanan {n}\n    pelaksana: kasubag\n    waktu: 1 jam\n\
         \x20 - kegiatan: Menandatangani surat layanan {n}\n    pelaksana: kadis\n    waktu: 1 hari\n",
        m = 1 + n % 6,
        d = n % 10
    )
}

/// The Denpasar project with sixty more SOPs that share one position.
fn sixty_sops() -> TestProject {
    let project = TestProject::copy("denpasar");
    let shared = format!(
        "\n[jabatan.kasubag]\njabatan = \"{OLD}\"\nunit = \"sekretariat\"\n\n\
         [dasar_hukum]\npermenpan_35_2012 = \"Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP\"\n"
    );
    project.write("sopkit.toml", &(project.read("sopkit.toml") + &shared));
    for n in 1..=60 {
        project.write(&format!("sops/layanan/sop-{n:02}.yaml"), &generated_sop(n));
    }
    project
}

fn sheets(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out.join("sop"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| (e.path().strip_prefix(out).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn renaming_a_position_of_sixty_sops_is_one_line_and_one_revision_and_every_output_shows_it() {
    let project = sixty_sops();
    project.build(&["--portal"]);
    let before = sheets(&project.out());
    for n in [1, 30, 60] {
        let text = pdf_text(&project.out().join(format!("sop/layanan/sop-{n:02}.pdf")));
        assert!(text.contains(&squash(OLD)) && text.contains("Kepala Dinas Komunikasi"), "sheet {n}: {text}");
        assert!(text.contains("Peraturan Menteri PAN-RB Nomor 35 Tahun 2012"), "sheet {n}: {text}");
    }

    // The clerk's whole edit: one line renamed, one revision entry.
    let config = project.read("sopkit.toml");
    let edited = config.replace(&format!("jabatan = \"{OLD}\""), &format!("jabatan = \"{NEW}\""))
        + &format!("\n[[revisi]]\ntanggal = 2024-01-15\nperubahan = \"{CHANGE}\"\njabatan = \"kasubag\"\n");
    let changed: Vec<_> = config.lines().zip(edited.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "one line of sopkit.toml changes: {changed:?}");
    project.write("sopkit.toml", &edited);

    // `check` says which SOPs the change touches: the sixty, and only them.
    let check = sopkit(&["check", project.root.to_str().unwrap()]);
    let said = stderr(&check);
    assert!(check.status.success(), "{said}");
    let line = said.lines().find(|l| l.contains(CHANGE)).unwrap_or_else(|| panic!("no reach line: {said}"));
    assert!(line.contains("touches 60 SOP") && line.contains("sopkit.toml:"), "{line}");
    for n in 1..=60 {
        assert!(line.contains(&format!("layanan/sop-{n:02}")), "sop-{n:02} missing from {line}");
    }
    assert!(!line.contains("monitoring-keamanan-informasi"), "{line}");

    project.build(&["--portal"]);
    let after = sheets(&project.out());
    let out = project.out();
    for n in 1..=60 {
        let name = format!("sop/layanan/sop-{n:02}.pdf");
        let text = pdf_text(&out.join(&name));
        assert!(text.contains(&squash(NEW)), "{name} lacks the new name: {text}");
        assert!(!text.contains(&squash(OLD)), "{name} still prints the old name");
        assert!(text.contains("15 Januari 2024"), "{name} lacks the revision date: {text}");
        assert_ne!(before[&name], after[&name], "{name} was not rebuilt");
    }
    // The SOPs that do not use the position are untouched, byte for byte.
    for name in ["sop/monitoring-keamanan-informasi.pdf", "sop/pengelolaan-sistem-informasi-kepegawaian.pdf"] {
        assert_eq!(before[name], after[name], "{name} changed");
    }
    // The book's daftar perubahan lists the change once per SOP.
    let book = pdf_text(&out.join("buku-sop.pdf"));
    let listed = book.matches(&squash(CHANGE)).count();
    assert!(listed >= 60, "the book lists the change {listed} times");
    assert!(book.contains(&squash(NEW)) && !book.contains(&squash(OLD)));
    // The decree's lampiran lists every SOP, the new ones included.
    let decree = pdf_text(&out.join("keputusan.pdf"));
    for n in 1..=60 {
        assert!(decree.contains(&format!("800/{n:03}/DKIS")), "lampiran lacks 800/{n:03}/DKIS");
    }
    // The portal: each SOP's page shows the new name and the change.
    for n in [1, 17, 60] {
        let page = std::fs::read_to_string(out.join(format!("portal/sop/layanan/sop-{n:02}.html"))).unwrap();
        assert!(page.contains(NEW) && !page.contains(OLD), "portal page {n}");
        assert!(page.contains(CHANGE), "portal page {n} lacks the revision");
    }
}

#[test]
fn a_shared_revision_reaches_the_sops_it_selects_and_only_those_made_by_its_date() {
    let project = sixty_sops();
    // SOPs 1..=60 were made in the first half of 2023; SOP 5 now after the
    // first revision's date.
    project.edit("sops/layanan/sop-05.yaml", "tanggal_pembuatan: 2023-06-15", "tanggal_pembuatan: 2023-08-15");
    let revisions = "\n[[revisi]]\ntanggal = 2023-07-01\nperubahan = \"Dasar hukum diperbarui\"\ndasar_hukum = \"permenpan_35_2012\"\n\n\
         [[revisi]]\ntanggal = 2024-02-01\nperubahan = \"Penyesuaian SOP Bidang Persandian\"\nunit = \"persandian\"\n\n\
         [[revisi]]\ntanggal = 2024-03-01\nperubahan = \"Penyesuaian dua SOP\"\nsop = [\"layanan/sop-07\", \"061/2293/DKIS\"]\n\n\
         [[revisi]]\nperubahan = \"Penyeragaman format\"\nsemua = true\n";
    project.write("sopkit.toml", &(project.read("sopkit.toml") + revisions));
    let check = sopkit(&["check", project.root.to_str().unwrap()]);
    let said = stderr(&check);
    assert!(check.status.success(), "{said}");
    let reach = |change: &str| said.lines().find(|l| l.contains(change)).unwrap_or_else(|| panic!("{change}: {said}"));
    // Dated 2023-07-01: not SOP 5, made after it.
    assert!(reach("Dasar hukum diperbarui").contains("touches 59 SOP"), "{said}");
    assert!(!reach("Dasar hukum diperbarui").contains("sop-05"), "{said}");
    assert!(reach("Persandian").contains("touches 1 SOP: monitoring-keamanan-informasi"), "{said}");
    let two = reach("dua SOP");
    assert!(two.contains("touches 2 SOP") && two.contains("layanan/sop-07") && two.contains("monitoring"), "{two}");
    assert!(reach("Penyeragaman").contains("touches 62 SOP"), "{said}");

    project.build(&[]);
    let five = pdf_text(&project.out().join("sop/layanan/sop-05.pdf"));
    let seven = pdf_text(&project.out().join("sop/layanan/sop-07.pdf"));
    // Tgl. Revisi: the latest dated revision of each.
    assert!(seven.contains("01 Maret 2024"), "{seven}");
    assert!(!five.contains("01 Juli 2023") && !five.contains("01 Maret 2024"), "{five}");
}

#[test]
fn shared_references_are_checked_where_they_are_written_in_the_clerks_language() {
    let project = TestProject::copy("denpasar");
    let extra = "\n[jabatan.kabid]\njabatan = \"Kepala Bidang Persandian\"\nsebelumnya = \"Kepala Bidang\"\n\
                 [jabatan.walikota]\njabatan = \"Walikota\"\n[jabatan.tanpa_pemangku]\njabatan = \"Sekretaris\"\n\n\
                 [[revisi]]\ntanggal = 2024-01-15\nperubahan = \"Tanpa sasaran\"\n\n\
                 [[revisi]]\ntanggal = 2024-01-15\nperubahan = \"Sasaran salah\"\njabatan = [\"kabid\", \"kabid_lama\"]\n";
    project.write("sopkit.toml", &(project.read("sopkit.toml") + extra));
    let sop = "sops/monitoring-keamanan-informasi.yaml";
    project.edit(sop, "  kabid: Kepala Bidang\n", "  kabid:\n  ketua:\n");
    project.edit(sop, "  sandiman: JF Sandiman\n", "  sandiman: jf_sandimn\n");
    project.edit(sop, "dasar_hukum:\n", "disahkan_oleh: tanpa_pemangku\ndasar_hukum:\n  - perda_lama\n");
    let other = "sops/pengelolaan-sistem-informasi-kepegawaian.yaml";
    project.edit(other, "dasar_hukum:\n", "disahkan_oleh: kepala_dinass\ndasar_hukum:\n");
    let output = sopkit_in("id_ID.UTF-8", &["check", project.root.to_str().unwrap()]);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    let expect = [
        ("`walikota` tertulis di [jabatan] dan di [officials]", "sopkit.toml:"),
        ("revisi ini belum menyebut SOP mana yang diubahnya", "sopkit.toml:"),
        ("jabatan `kabid_lama` tidak ada di proyek ini", "sopkit.toml:"),
        ("kolom `ketua` tidak punya nama, dan sopkit.toml tidak punya jabatan `ketua`", &format!("{sop}:")),
        ("`jf_sandimn` tampak seperti kunci jabatan", &format!("{sop}:")),
        ("jabatan `tanpa_pemangku` belum menyebut siapa pemangkunya", &format!("{sop}:")),
        ("`perda_lama` tampak seperti kunci [dasar_hukum]", &format!("{sop}:")),
        ("sopkit.toml tidak punya pejabat atau jabatan `kepala_dinass`", &format!("{other}:")),
        ("masih menyebut \"Kepala Bidang\", nama lama jabatan `kabid`", &format!("{sop}:")),
    ];
    for (message, place) in expect {
        let at = said.find(message).unwrap_or_else(|| panic!("no {message:?} in:\n{said}"));
        let located = said[at..].lines().nth(1).unwrap_or_default();
        assert!(located.contains(place), "{message:?} is located at {located:?}, not {place}");
    }
    assert!(said.contains("mungkin maksudnya `kepala_dinas`?"), "{said}");
    assert!(said.contains("mungkin maksudnya `sandiman`?") || said.contains("jabatan yang ada"), "{said}");
    // The column written as the key prints the position; the former name
    // is underlined where the step's text says it.
    assert!(said.contains("^^^^^^^^^^^^^\n"), "{said}");
}

/// A project as agencies keep them before sharing: the same columns,
/// signer and regulations written out in every definition, with comments,
/// flow maps, quotes and a TOML definition.
fn unshared_project() -> TestProject {
    let project = TestProject::copy("denpasar");
    let monitoring = project.read("sops/monitoring-keamanan-informasi.yaml");
    let signer = "disahkan_oleh:\n  jabatan: Sekretaris Dinas Komunikasi, Informatika dan Statistik\n  nama: I WAYAN CONTOH\n  nip: \"197502022000031002\"\n";
    project.write(
        "sops/monitoring-keamanan-informasi.yaml",
        &monitoring.replacen("dasar_hukum:", &format!("{signer}dasar_hukum:"), 1),
    );
    let copy = monitoring
        .replace("nomor: \"061/2293/DKIS\"", "nomor: \"061/2294/DKIS\"")
        .replace("  sandiman: JF Sandiman\n", "  sandiman: \"JF Sandiman\"   # dipakai juga di SOP lain\n")
        .replacen("dasar_hukum:", &format!("# Disahkan oleh Kepala Dinas.\n{signer}dasar_hukum:"), 1);
    assert!(copy.contains("061/2294/DKIS"), "the fixture's nomor changed");
    project.write("sops/audit/audit-keamanan.yaml", &copy);
    project.write(
        "sops/audit/kajian.toml",
        "# Kajian: ditulis dalam TOML.\nnomor = \"061/2295/DKIS\"\nnama = \"Kajian Keamanan\"\n\
         tanggal_pembuatan = \"2023-09-27\"\ntanggal_efektif = \"2023-09-27\"\n\
         dasar_hukum = [\"Perwali Nomor 13 Tahun 2017 Tentang Uraian Tugas Jabatan Dinas Daerah.\"]\n\n\
         [pelaksana]\nsandiman = \"JF Sandiman\"  # penganalisis\nkabid = \"Kepala Bidang\"\n\n\
         [[langkah]]\nkegiatan = \"Menganalisis hasil monitoring\"\npelaksana = \"sandiman\"\n\n\
         [[langkah]]\nkegiatan = \"Menyetujui hasil kajian\"\npelaksana = \"kabid\"\n",
    );
    project
}

fn comment_lines(text: &str) -> Vec<String> {
    text.lines().filter_map(|l| l.find('#').map(|at| l[at..].to_owned())).collect()
}

#[test]
fn satukan_moves_a_project_to_shared_positions_keeping_comments_and_every_printed_character() {
    let project = unshared_project();
    project.build(&["--portal"]);
    let before = sheets(&project.out());
    let book_before = std::fs::read(project.out().join("buku-sop.pdf")).unwrap();
    let files = [
        "sopkit.toml",
        "sops/monitoring-keamanan-informasi.yaml",
        "sops/audit/audit-keamanan.yaml",
        "sops/audit/kajian.toml",
        "sops/pengelolaan-sistem-informasi-kepegawaian.yaml",
    ];
    let texts: Vec<String> = files.iter().map(|f| project.read(f)).collect();
    let root = project.root.to_str().unwrap();

    // --coba shows the move and writes nothing.
    let tried = sopkit(&["satukan", root, "--coba"]);
    assert!(tried.status.success(), "{}", stderr(&tried));
    let shown = String::from_utf8_lossy(&tried.stdout).into_owned();
    assert!(shown.contains("position `sandiman` = \"JF Sandiman\" (used by 3 SOP)"), "{shown}");
    assert!(shown.contains("(I WAYAN CONTOH)"), "the signer is shared: {shown}");
    assert!(shown.contains("Dasar Hukum `perwali_13_2017`"), "{shown}");
    assert!(shown.contains("sops/audit/kajian.toml") && shown.contains("+ sandiman = \"sandiman\""), "{shown}");
    for (file, text) in files.iter().zip(&texts) {
        assert_eq!(&project.read(file), text, "--coba wrote {file}");
    }

    let moved = sopkit(&["satukan", root]);
    assert!(moved.status.success(), "{}", stderr(&moved));
    for (file, text) in files.iter().zip(&texts) {
        let now = project.read(file);
        for comment in comment_lines(text) {
            assert!(now.contains(&comment), "{file} lost the comment {comment:?}:\n{now}");
        }
    }
    let audit = project.read("sops/audit/audit-keamanan.yaml");
    assert!(audit.contains("  sandiman: sandiman   # dipakai juga di SOP lain\n"), "{audit}");
    assert!(audit.contains("  kabid: kabid\n") && audit.contains("  - perwali_13_2017\n"), "{audit}");
    assert!(project.read("sops/pengelolaan-sistem-informasi-kepegawaian.yaml") == texts[4], "nothing to share there");
    let config = project.read("sopkit.toml");
    assert!(config.contains("[jabatan.sandiman]\njabatan = \"JF Sandiman\""), "{config}");
    assert!(config.starts_with(&texts[0][..texts[0].len() - 1]), "sopkit.toml's own text is kept:\n{config}");

    // Every output prints exactly what it printed before.
    project.build(&["--portal"]);
    assert_eq!(before, sheets(&project.out()), "a sheet changed");
    assert_eq!(book_before, std::fs::read(project.out().join("buku-sop.pdf")).unwrap(), "the book changed");
    let again = sopkit(&["satukan", root]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("nothing to share"), "{}", stderr(&again));

    // And now a rename is one line for all three.
    project.edit("sopkit.toml", "jabatan = \"JF Sandiman\"", "jabatan = \"JF Sandiman Ahli Muda\"");
    project.build(&[]);
    for sheet in ["monitoring-keamanan-informasi", "audit/audit-keamanan", "audit/kajian"] {
        let text = pdf_text(&project.out().join(format!("sop/{sheet}.pdf")));
        assert!(text.contains("Ahli Muda"), "{sheet}: {text}");
    }
}

#[test]
fn satukan_refuses_a_project_with_errors_and_changes_nothing() {
    let project = unshared_project();
    project.edit("sops/audit/audit-keamanan.yaml", "nama: ", "nama_sop: ");
    let before = project.read("sopkit.toml");
    let output = sopkit_in("id_ID.UTF-8", &["satukan", project.root.to_str().unwrap()]);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("sops/audit/audit-keamanan.yaml:") && said.contains("perbaiki dulu"), "{said}");
    assert_eq!(project.read("sopkit.toml"), before);
}
