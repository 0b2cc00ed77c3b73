//! The portal's search as a clerk uses it, in headless Chromium: on a
//! project made here with known answers (22 "Pengelolaan Aduan
//! Masyarakat" SOPs among 30 "Pengadaan Barang" ones, nomors one digit
//! apart, words only in steps, in peralatan, in keterkaitan, a Keputusan),
//! each query of a set returns the SOPs a person would expect: the issue's
//! examples exactly, the set within floors of precision and recall. Also:
//! the snippet where the query's words stand together, the query in the
//! address, and the "Berlaku" filter and expiry on the project's own day.

use std::collections::BTreeSet;

use serde_json::json;

use super::portal::file_url;
use super::support::*;
use super::webdriver::Browser;

/// The project: (file stem, nama, nomor, steps) per SOP, a Keputusan.
fn generate(root: &Path, wita_today: &str, wita_yesterday: &str) {
    std::fs::create_dir_all(root.join("sops")).unwrap();
    std::fs::write(
        root.join("sopkit.toml"),
        "instansi = \"Pemerintah Kota Contoh\"\nzona_waktu = \"WITA\"\n\
         [units.u0]\nkop = [\"PEMERINTAH KOTA CONTOH\", \"DINAS KOMUNIKASI DAN INFORMATIKA\"]\n\
         [officials.walikota]\njabatan = \"Walikota Contoh\"\nnama = \"NAMA CONTOH\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("keputusan.yaml"),
        "pejabat: walikota\nnomor: 188.45/7777/HK/2024\ntentang: Standar Operasional Prosedur Dinas Komunikasi\n\
         menimbang: [bahwa perlu]\nmengingat: [Undang-Undang Nomor 23 Tahun 2014]\ndiktum: [Standar Operasional Prosedur.]\n\
         ditetapkan:\n  tempat: Contoh\n  tanggal: 2024-01-02\n",
    )
    .unwrap();
    let places =
        ["Kecamatan Utara", "Kecamatan Selatan", "Kecamatan Timur", "Kecamatan Barat", "Pusat Kota", "Pesisir"];
    let mut sops: Vec<(String, String, String, Vec<&str>, &str)> = Vec::new();
    for i in 0..22 {
        sops.push((
            format!("aduan-{i:02}"),
            format!("Pengelolaan Aduan Masyarakat {} {i}", places[i % places.len()]),
            format!("065/{}/DKIS", 100 + i),
            vec![
                "Menerima aduan masyarakat dan mencatat identitas pelapor",
                "Memeriksa kelengkapan berkas aduan; jika ada kekurangan, berkas dikembalikan",
                "Menyusun hasil tindak lanjut aduan untuk pelapor",
            ],
            "",
        ));
    }
    let things =
        ["Komputer", "Kendaraan Dinas", "Alat Tulis Kantor", "Perangkat Jaringan", "Server", "Lisensi Perangkat Lunak"];
    for i in 0..30 {
        sops.push((
            format!("pengadaan-{i:02}"),
            format!("Pengadaan Barang {} {i}", things[i % things.len()]),
            // 2237 to 2266: several one digit away from 2236.
            format!("027/{}/DKIS", 2237 + i),
            vec![
                "Menyusun rencana pengadaan barang",
                "Memilih penyedia barang",
                "Menyerahkan berita acara serah terima",
            ],
            "",
        ));
    }
    for (stem, nama, nomor, steps, extra) in [
        (
            "pengujian-aplikasi",
            "Pengujian Aplikasi",
            "061/2236/DKIS",
            vec!["Menyiapkan skenario pengujian", "Menjalankan skenario pada aplikasi", "Mencatat temuan"],
            "",
        ),
        (
            "uji-konsekuensi",
            "Uji Konsekuensi Informasi Publik",
            "482/0001/PPID",
            vec!["Menelaah permohonan informasi", "Menyusun pertimbangan", "Menetapkan informasi yang dikecualikan"],
            "",
        ),
        (
            "pendataan-aset",
            "Pendataan Aset Daerah",
            "030/0002/DKIS",
            vec!["Menghimpun data aset", "Memutakhirkan kartu inventaris", "Melaporkan data aset"],
            "",
        ),
        (
            "laporan-kinerja",
            "Penyusunan Laporan Kinerja",
            "050/0003/DKIS",
            vec!["Menghimpun capaian kinerja", "Mengunggah laporan ke aplikasi SAKIP", "Mengarsipkan laporan"],
            "",
        ),
        (
            "pemeliharaan-jaringan",
            "Pemeliharaan Jaringan",
            "555/0004/DKIS",
            vec!["Memeriksa perangkat jaringan", "Mengganti kabel yang rusak", "Mencatat hasil pemeliharaan"],
            "peralatan_perlengkapan: [Kabel tester]\nkualifikasi_pelaksana: [Memahami topologi jaringan]\nketerkaitan: [SOP Pengadaan Barang Perangkat Jaringan 3]\n",
        ),
    ] {
        sops.push((stem.to_owned(), nama.to_owned(), nomor.to_owned(), steps, extra));
    }
    for (n, (stem, nama, nomor, steps, extra)) in sops.iter().enumerate() {
        let mut yaml = format!(
            "nomor: \"{nomor}\"\nnama: {nama}\ntanggal_pembuatan: 2024-01-01\ntanggal_efektif: 2024-01-01\n{extra}pelaksana:\n  a: Staf\n  b: Kepala Seksi\nlangkah:\n"
        );
        // One aduan SOP revised (in force), one that expires today and one
        // yesterday, both in WITA.
        match n {
            0 => {
                yaml = yaml.replacen(
                    "tanggal_efektif: 2024-01-01\n",
                    "tanggal_efektif: 2024-01-01\ntanggal_revisi: 2024-06-01\n",
                    1,
                )
            }
            1 => {
                yaml = yaml.replacen(
                    "tanggal_efektif: 2024-01-01\n",
                    &format!("tanggal_efektif: 2024-01-01\nberlaku_sampai: {wita_today}\n"),
                    1,
                )
            }
            2 => {
                yaml = yaml.replacen(
                    "tanggal_efektif: 2024-01-01\n",
                    &format!("tanggal_efektif: 2024-01-01\nberlaku_sampai: {wita_yesterday}\n"),
                    1,
                )
            }
            _ => {}
        }
        for (s, step) in steps.iter().enumerate() {
            yaml += &format!("  - kegiatan: {step}\n    pelaksana: {}\n    waktu: 10 menit\n", ["a", "b"][s % 2]);
        }
        std::fs::write(root.join(format!("sops/{stem}.yaml")), yaml).unwrap();
    }
}

/// The day `days` from today in WITA (UTC+8), YYYY-MM-DD.
fn wita_day(days: i64) -> String {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let day = sopkit::model::Tanggal::from_unix_days((seconds + 8 * 3600).div_euclid(86_400) + days).unwrap();
    day.to_string()
}

fn urls(prefix: &str, count: usize) -> BTreeSet<String> {
    (0..count).map(|i| format!("sop/{prefix}-{i:02}.html")).collect()
}

#[test]
fn search_finds_the_sops_a_clerk_means_in_chromium() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("proyek");
    generate(&root, &wita_day(0), &wita_day(-1));
    let out = work.path().join("out");
    let built = sopkit(&["build", root.to_str().unwrap(), "-o", out.to_str().unwrap(), "--portal"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let portal = out.join("portal");
    let Some(browser) = Browser::for_tests() else { return };
    browser.open(&file_url(&portal.join("index.html")));
    assert!(
        browser.run_async("var done = arguments[0]; window.sopkitLoadIndex(function () { done(true); });", json!([]))
            == json!(true)
    );
    let search = |query: &str| -> Vec<String> {
        let found = browser.run("return window.sopkitSearch(arguments[0])", json!([query]));
        found.as_array().unwrap().iter().map(|u| u.as_str().unwrap().to_owned()).collect()
    };
    let set = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<BTreeSet<String>>();
    let aduan = urls("aduan", 22);
    let pengadaan = urls("pengadaan", 30);

    // The examples, exactly.
    let pengaduan: BTreeSet<String> = search("pengaduan").into_iter().collect();
    assert_eq!(
        pengaduan,
        aduan.iter().cloned().chain(["keputusan.html".to_owned()]).collect(),
        "pengaduan is aduan, not pengadaan"
    );
    let adu: BTreeSet<String> = search("aduan").into_iter().collect();
    assert_eq!(adu, pengaduan, "aduan finds what pengaduan finds");
    let menguji = search("menguji");
    // The Keputusan too: its lampiran lists both by name.
    assert_eq!(
        menguji.iter().cloned().collect::<BTreeSet<_>>(),
        set(&["sop/pengujian-aplikasi.html", "sop/uji-konsekuensi.html", "keputusan.html"]),
        "{menguji:?}"
    );
    assert_eq!(search("pengujian")[0], "sop/pengujian-aplikasi.html");
    assert!(search("pengujian").contains(&"sop/uji-konsekuensi.html".to_owned()), "pengujian finds Uji Konsekuensi");
    assert_eq!(search("2236"), ["sop/pengujian-aplikasi.html"], "a nomor is never typo-matched");
    let pengadaan_found: BTreeSet<String> = search("pengadaan").into_iter().collect();
    assert!(!pengadaan_found.contains("sop/pendataan-aset.html"), "pengadaan is not pendataan");
    assert!(pengadaan_found.is_disjoint(&aduan), "pengadaan is not \"jika ada\"");
    // A real word the SOPs do not hold is not a typo of one they do.
    assert_eq!(search("pendanaan"), Vec::<String>::new(), "pendanaan is not pendataan");
    assert_eq!(search("pendatan"), ["sop/pendataan-aset.html", "keputusan.html"], "a typo is");
    let pengadan: BTreeSet<String> = search("pengadan").into_iter().collect();
    assert_eq!(pengadan, pengadaan_found, "peng-adan is a typo");
    assert!(pengadaan_found.is_superset(&pengadaan));
    let everything = search("sop");
    assert_eq!(everything.len(), 22 + 30 + 5 + 1, "a stop word alone lists every SOP and the Keputusan");

    // Roots the page stems with the build's roots or by the same rules.
    let roots = browser.run(
        "return ['menguji', 'pengujian', 'pengaduan', 'aduan', 'diujikan', 'pengarsipan', '2236'].map(window.sopkitRoot)",
        json!([]),
    );
    assert_eq!(roots, json!(["uji", "uji", "adu", "adu", "uji", "arsip", "2236"]));

    // The set: (query, what a person expects).
    let only = |url: &str| set(&[url]);
    let with_decree = |mut urls: BTreeSet<String>| {
        urls.insert("keputusan.html".to_owned());
        urls
    };
    let cases: Vec<(&str, BTreeSet<String>)> = vec![
        ("pengaduan masyarakat", with_decree(aduan.clone())),
        ("tindak lanjut", aduan.clone()),
        ("pelapor", aduan.clone()),
        (
            "pengadaan barang",
            with_decree(pengadaan.clone()).into_iter().chain(["sop/pemeliharaan-jaringan.html".to_owned()]).collect(),
        ),
        (
            "kendaraan dinas",
            with_decree(
                urls("pengadaan", 30)
                    .into_iter()
                    .filter(|u| [1, 7, 13, 19, 25].iter().any(|i| u.ends_with(&format!("-{i:02}.html"))))
                    .collect(),
            ),
        ),
        ("pengujan", with_decree(only("sop/pengujian-aplikasi.html"))),
        ("SAKIP", only("sop/laporan-kinerja.html")),
        ("mengunggah laporan", only("sop/laporan-kinerja.html")),
        ("pengarsipan", only("sop/laporan-kinerja.html")),
        ("inventaris", only("sop/pendataan-aset.html")),
        ("tester", only("sop/pemeliharaan-jaringan.html")),
        ("topologi", only("sop/pemeliharaan-jaringan.html")),
        ("065/105", only("sop/aduan-05.html")),
        ("188.45/7777", only("keputusan.html")),
        ("2236", only("sop/pengujian-aplikasi.html")),
        ("dikecualikan", only("sop/uji-konsekuensi.html")),
    ];
    let (mut precision, mut recall) = (0.0, 0.0);
    for (query, expected) in &cases {
        let found: BTreeSet<String> = search(query).into_iter().collect();
        let right = found.intersection(expected).count() as f64;
        let p = if found.is_empty() { 0.0 } else { right / found.len() as f64 };
        let r = right / expected.len() as f64;
        eprintln!("{query:>22}: precision {p:.2}, recall {r:.2}");
        precision += p;
        recall += r;
    }
    let n = cases.len() as f64;
    eprintln!("search quality over {} queries: precision {:.3}, recall {:.3}", cases.len(), precision / n, recall / n);
    assert!(precision / n >= 0.95 && recall / n >= 0.95, "precision {:.3}, recall {:.3}", precision / n, recall / n);

    // What the clerk sees: the snippet where the words stand together.
    let query = browser.find("#kueri");
    browser.type_into(&query, "tindak lanjut pelapor");
    assert!(browser.wait_for("return document.querySelectorAll('#hasil .kartu').length === 22", 10));
    let snippet = browser.run("return document.querySelector('#hasil .cuplikan').textContent", json!([]));
    assert_eq!(snippet, json!("Menyusun hasil tindak lanjut aduan untuk pelapor"));
    // The query in the address as typed; Back to the results keeps it.
    assert_eq!(browser.run("return location.search", json!([])), json!("?q=tindak+lanjut+pelapor"));
    browser.click(&browser.find("#hasil .kartu a"));
    assert!(browser.wait_for("return !!document.querySelector('h1') && !document.getElementById('kueri')", 10));
    browser.run("history.back()", json!([]));
    assert!(browser.wait_for(
        "return !!document.getElementById('kueri') && document.querySelectorAll('#hasil .kartu').length === 22",
        10
    ));
    assert_eq!(browser.run("return document.getElementById('kueri').value", json!([])), json!("tindak lanjut pelapor"));
    // A shared link: the page opens on its results.
    browser.open(&format!("{}?q=menguji", file_url(&portal.join("index.html"))));
    assert!(browser.wait_for("return document.querySelectorAll('#hasil .kartu').length === 3", 10));

    // "Berlaku" lists revised SOPs too; expiry on the project's day (WITA):
    // valid until today is in force, until yesterday is not.
    browser.open(&file_url(&portal.join("index.html")));
    browser.run(
        "var s = document.getElementById('saring-status'); s.value = 'berlaku'; s.dispatchEvent(new Event('change'));",
        json!([]),
    );
    let shown = browser.run(
        "return Array.from(document.querySelectorAll('#daftar .kartu')).filter(k => !k.hidden).map(k => k.querySelector('a').getAttribute('href'))",
        json!([]),
    );
    let shown: BTreeSet<String> = shown.as_array().unwrap().iter().map(|u| u.as_str().unwrap().to_owned()).collect();
    assert!(shown.contains("sop/aduan-00.html"), "the revised SOP is in force");
    assert!(shown.contains("sop/aduan-01.html"), "valid until today (WITA)");
    assert!(!shown.contains("sop/aduan-02.html"), "expired yesterday (WITA)");
    assert_eq!(shown.len(), 22 + 30 + 5 - 1);
    assert!(browser.console_errors().is_empty(), "{:?}", browser.console_errors());
}
