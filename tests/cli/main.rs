//! The integration tests: one test binary that runs the real `sopkit`
//! binary on the fixture projects and checks what a user sees: exit codes,
//! error messages, the PDFs' text (poppler's pdftotext), page counts,
//! signatures, pixels of rendered pages, the manifest, and the flowchart's
//! geometry as Typst laid it out. One module per feature; `support` holds
//! the runner, the project builder and the tools.
//!
//! | module | feature | fixtures |
//! |---|---|---|
//! | `sheets`, `flowchart` | the SOP sheet and its flowchart | `denpasar`, `bali`, `panjang` (40 steps) |
//! | `decree`, `book` | the Keputusan, its lampiran, the book | `denpasar` (seed 004), `lampiran/` (xls, ods lists), `seeds/` |
//! | `house_style` | `[format]` house style: Legal paper, dates, terminator words, header words, column numbers | `denpasar`, `panjang` |
//! | `build` | manifest, determinism, cache, --only, watch | `denpasar`, `bali` |
//! | `errors` | located errors, exit codes, the compiler's sandbox | `invalid/*` (snapshots in `snapshots/`) |
//! | `project` | init, template overrides, revisions due | `bali` |
//! | `signing` | signature fields, PDF/A, TTE footer, signature boxes | every project |
//! | `laporan` | per-run reports | `denpasar/runs`, `bali/runs` |
//! | `monev` | monitoring and evaluation: forms, berita acara, recap, from YAML, TOML and workbooks | `denpasar` with `monev/denpasar` copied in (its workbook made by `monev/monev-xlsx.py`) |
//! | `spreadsheets` | hostile workbooks refused wherever one is read | made in the test, `legacy/rusak/` |
//! | `import` | legacy workbooks | `legacy/` (made by `legacy/buat.py`), `legacy/nyata/` and fresh seeds (made by `legacy/nyata.py`), other layouts (`legacy/lain.py`), `legacy/rusak/`; `import_facts`: what real workbooks did (`legacy/fakta.py`), folders; `import_docx`: Word documents (`legacy/word.py`), LibreOffice |
//! | `pdf_import` | PDFs: sopkit's own sheets imported back | every project, generated flows |
//! | `pdf_producers`, `docx_producers` | PDFs and Word documents LibreOffice makes of sheets laid out in Writer | `legacy/odt/` (made by `legacy/odt.py`), `legacy/pdf/`, `legacy/word/lo-*` (`legacy/word-libreoffice.py`) |
//! | `pdf_foreign` | PDFs as Word, Excel, printers, signing services and scanners write them | `legacy/asing/` (made by `legacy/pdf_producers.py`) |
//! | `outputs` | every output byte for byte | `outputs.sha256` |
//! | `paper` | no text runs over its cell, in any document | every project, hostile values |
//! | `generated` | 200 hard flows from a deterministic generator | made in the test |
//! | `reader` | a reader's check of the drawn flowcharts | every project |
//! | `monev_loop` | monev back into the SOPs: check's warnings, the book's and the portal's status, the recap page | `denpasar` with records made in the test |
//! | `portal` | the static portal and `serve`, in headless Chromium (WebDriver) | `denpasar`, `bali` |
//! | `portal_phone` | the portal on a phone: 320/390/1280 px, touch targets, axe-core, cards, zoom | `denpasar` |
//! | `portal_serve` | `serve`: gzip, loopback Host names only, a connection cap | `denpasar` |
//! | `portal_search` | the portal's search: the SOPs a clerk means, the query in the address, the status filter | made in the test |
//! | `terbit` | issuing: the ledger, versions verified for life, every QR code's page | `denpasar`, `bali`, `panjang` |
//! | `verification` | the verification page on signed and altered copies (made by `tests/support/tamper.py`) | `denpasar` |
//! | `shared` | positions, Dasar Hukum and revisions shared through sopkit.toml; `satukan` | `denpasar` with sixty SOPs made in the test |
//! | `schema` | JSON Schemas for the editor, `init` wiring them | every project, `invalid/*` |
//! | `architecture` | the module graph | `src/` |

mod support;

mod architecture;
mod book;
mod build;
mod decree;
mod docx_producers;
mod errors;
mod flowchart;
mod generated;
mod house_style;
mod import;
mod import_docx;
mod import_facts;
mod import_rows;
mod laporan;
mod monev;
mod monev_loop;
mod outputs;
mod pdf_foreign;
mod pdf_import;
mod pdf_producers;
mod paper;
mod portal;
mod portal_phone;
mod portal_search;
mod portal_serve;
mod project;
mod reader;
mod rows;
mod schema;
mod shared;
mod sheets;
mod signing;
mod spreadsheets;
mod terbit;
mod verification;
mod webdriver;
