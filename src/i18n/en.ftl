## What a message is, as the terminal labels it.
severity-error = error
severity-warning = warning
severity-hint = hint
severity-note = note

serve-at = the portal is served at { $url } (Ctrl-C stops)
serve-cannot-listen = cannot listen on port { $port } of 127.0.0.1 ({ $why }): pass another with --port, or --port 0 for any free one
serve-errors = the project has errors (shown in the open page too); the page keeps the last good build
serve-updated = build { $version } served; the open page reloads
serve-updated-pending = build { $version } served; the open page reloads. Now making { $paths } again (the earlier version stays until then)...
serve-warnings-denied = the build has warnings, counted as errors (--deny-warnings); the open page shows them too
serve-no-project = { $dir } is not a project folder
serve-busy = the server is busy with other connections; try again
serve-host-refused = only pages asked for by a loopback address (127.0.0.1, localhost, [::1]) are served
help-cmd-serve = Build the portal, serve it on a loopback port and reload the open page on every save
help-arg-portal = Also write the static SOP portal into OUT/portal/ (or set `[portal] aktif = true`)
help-arg-port = The loopback port to serve on (0: any free port)

## The command line's own lines.
run-failed = failed: { $errors } error(s), { $warnings } warning(s)
check-ok = ok: the project is valid
progress-built = built
progress-kept = kept
watch-waiting = Waiting for changes...
watch-up-to-date = { $dir } is up to date. Waiting for changes...
watch-pending = { $dir } updated. Now making { $paths } again (the earlier version stays until then)...
watch-partly = { $dir } is up to date except what the errors above concern. Waiting for changes...
watch-failed = failed; earlier outputs kept. Waiting for changes...
init-created = created a project in { $dir }; build it with `sopkit build { $dir }`: the PDFs go to { $out } under the folder you run it from

## Builds that keep going.
build-not-made-sops = the keputusan and buku-sop.pdf are not made again because { $count } SOP(s) have errors: they must list every SOP; their earlier files, if any, are kept
build-not-made-decree = the keputusan and buku-sop.pdf are not made again because the keputusan has errors: they must list every SOP; their earlier files, if any, are kept
build-not-made-monev = buku-sop.pdf and the portal are not made again because a monev record has errors: they show every SOP's monitoring and evaluation status; their earlier files, if any, are kept
build-portal-not-made = the portal was not made again: it shows every SOP, and some have errors; the earlier portal, if any, is kept
build-sop-failed = { $file } has errors: its sheet is not made again; its earlier one, if any, is kept
build-removed = { $path } is removed: its definition no longer exists

## Checks of an SOP definition.
date-no-day-given = `{ $text }` has no day: write the day of { $month } too, e.g. `1 { $text }`
sop-nomor-placeholder = the nomor `{ $nomor }` still holds a blank (`{ $blank }`) where its number goes
sop-nomor-placeholder-hint = write the SOP's number as it was given (e.g. 800/012/SOP/DISKOMINFO/2024)
sop-empty-key = `{ $key }` must not be empty
sop-efektif-before-pembuatan = tanggal_efektif is before tanggal_pembuatan
sop-made-on = the SOP was made on { $date }
sop-sampai-before-efektif = berlaku_sampai is before tanggal_efektif
sop-revisi-before-pembuatan = tanggal_revisi is before tanggal_pembuatan
sop-revision-predates = a revision cannot predate tanggal_pembuatan
sop-no-actors = at least one pelaksana (swimlane) is needed
sop-no-steps = the procedure needs at least one step
sop-id-twice = step id `{ $id }` is used twice
sop-kegiatan-empty = kegiatan must not be empty
sop-no-such-step = step { $n } does not exist (the procedure has { $count } steps)
sop-give-id = give the target step an `id`, or use its number
sop-step-ids = step ids: { $ids }
sop-no-such-id = no step has the id `{ $id }`
sop-actor-twice = actor `{ $id }` is listed twice in this step
sop-unknown-actor = pelaksana `{ $id }` is not listed under `pelaksana`
sop-step-no-actor = a step needs at least one actor
sop-decision-one-actor = a decision is made by one actor
sop-decision-one-actor-hint = let the actors do a step together first, then one of them decide
sop-joint-order = list the actors of a joint step in the order of their columns
sop-columns-left-to-right = columns from left to right: { $columns }
sop-decision-lanjut = a decision continues through its exits, not `lanjut`
sop-decision-final = a decision cannot be a final step
sop-exit-count = a decision has two to four exits, not { $count }
sop-exit-count-hint = list them as `- {"{"} label: Lengkap, ke: 5 {"}"}`
sop-exit-no-label = an exit needs a label
sop-exit-label-twice = exit label `{ $label }` is used twice
sop-decision-missing-exit = the decision has no `{ $exit }` exit
sop-decision-needs-both = a decision needs both `ya` and `tidak`
sop-ya-tidak-same = `ya` and `tidak` go to the same step
sop-not-a-decision = then it is not a decision: use `lanjut`
sop-self-loop = a step cannot lead to itself
sop-final-continues = a final step (`selesai`) cannot continue
sop-fork-count = a fork has two to eight branches, not { $count }
sop-fork-count-hint = write one step as `lanjut: 5`, or several as `lanjut: [5, 8]`
sop-fork-twice = step { $step } is listed twice in `lanjut`
sop-terminator-between = the terminator would stand between the symbols of this step
sop-terminator-between-hint = put it in its own actor's column, or in a column beyond the step's symbols
sop-mulai-not-first = only the first step has a Mulai terminator
sop-mulai-not-first-hint = move `mulai` to step 1
sop-parallel-one-actor = a step done in parallel needs two or more actors
sop-parallel-lanjut = actors working in parallel all continue to the next step (no `lanjut`)
sop-parallel-terminator = a step done in parallel has no terminator beside it
sop-teks-line = `teks` is one short line inside the symbol
sop-teks-long = `teks` has { $count } characters; a symbol holds at most { $most }
sop-teks-long-hint = put the rest in Keterangan
sop-no-mutu-baku = step { $step } has no mutu baku (kelengkapan, waktu, output)
sop-no-verb = step { $step } does not start with a verb
sop-no-verb-hint = write steps as a verb without a subject, e.g. "Memverifikasi laporan"
sop-parallel-entered = step { $step } leads to this step, which is done in parallel
sop-parallel-entered-hint = only the step just before a step done in parallel can lead to it
sop-parallel-twice = a step done in parallel cannot directly follow another one
sop-parallel-twice-hint = put a step between them where the work comes together
sop-unreachable = step { $step } can never be reached from step 1
sop-unreachable-hint = point a `lanjut`, `ya` or `tidak` of an earlier step at it, or remove it
sop-endless = from step { $step } the flow never reaches a final step
sop-endless-hint = the steps loop forever: give one of them `selesai: true` or a way out

## Reading a project.
load-not-a-project = { $dir } is not a sopkit project: { $file } not found (create one with `sopkit init DIR`)
load-spreadsheet-missing = spreadsheet `{ $file }` not found
load-key-missing = `{ $key }` is missing
load-key-missing-hint = add `{ $key }:` to the definition (see `sopkit init` for an example)
load-step-key-missing = step { $step } has no `{ $key }`
load-key-not-lined-up = `{ $key }` is written on line { $line } but not lined up with the step's first key
load-step-key-missing-hint = add `{ $key }:` to the step
load-skip-case = its extension is not in small letters: rename it to `{ $fixed }`
load-skip-double = it ends in `.{ $ext }` after `.{ $inner }` (an editor added it): rename it to `{ $fixed }`
load-skip-document = it is a document, not a definition: write the SOP as YAML (see `sopkit import` for workbooks)
load-skip-spreadsheet = it is a spreadsheet: turn it into a definition with `sopkit import { $name }`, or move it out of this folder
load-skip-other = only `.yaml`, `.yml` and `.toml` files are definitions
load-skipped = { $file } is not read: { $why }
load-not-utf8 = the file is not valid UTF-8 text
load-unknown-key = unknown key `{ $key }`
load-did-you-mean = did you mean `{ $key }`?
load-expected-one-of = expected one of: { $keys }
load-unknown-value = `{ $value }` is not one of: { $values }
yaml-empty = the file is empty
yaml-tab = a tab indents this line; YAML indents with spaces only
yaml-colon-hint = write it as { $key }: "{ $value }"
yaml-colon-quote = put the whole text in double quotes
yaml-colon = a `:` inside a text: put the whole text in quotes
yaml-duplicate-keep = keep one of them
yaml-duplicate-first = it is first written on line { $line }
yaml-duplicate = `{ $key }` is written twice
yaml-escape = a `\` inside double quotes starts an escape sequence
yaml-brace = a `{"{"}` is not closed
yaml-bracket = a `[` is not closed
yaml-indent = this line is not lined up with the ones around it
yaml-end = the file ends in the middle of a value
yaml-empty-hint = a definition starts with `nomor:` and `nama:`; `sopkit init` writes an example to copy
yaml-tab-hint = replace the tab with spaces (in most editors: "convert indentation to spaces")
yaml-escape-hint = write paths with `/` ("assets/logo.png"), or put the text in single quotes
yaml-brace-hint = end it with `{"}"}` on the same line, e.g. `keputusan: {"{"} ya: 3, tidak: 1 {"}"}`
yaml-bracket-hint = end the list with `]` on the same line
yaml-indent-hint = every item of a list starts with `- ` at the same indentation, and an item's keys line up under its first key
yaml-end-hint = check the last lines
validate-related-typo = Keterkaitan `{ $item }` is written almost like SOP { $nomor } "{ $nama }" of this project, but not quite
validate-related-typo-hint = write its name or nomor as its definition has it, so that the portal links to its page
validate-nomor-twice = nomor SOP `{ $nomor }` is already used
validate-nomor-twice-hint = { $file } has the same nomor
validate-unknown-unit = unit `{ $unit }` is not defined in sopkit.toml
validate-none-defined = no { $what } are defined
validate-defined = defined { $what }: { $keys }
date-invalid = `{ $text }` is not a date: write it as 2023-09-27, 27-09-2023 or 27 September 2023
date-no-month-name = `{ $text }` is not a date: `{ $month }` is not a month (Januari, Februari, ... Desember)
date-no-month = `{ $text }` is not a date: there is no month { $month } (months are 1 to 12)
date-no-day = `{ $text }` is not a date: { $month } { $year } has { $days } days

## Settings and building.
config-no-units = at least one unit with its kop lines is needed
config-unknown-unit = unit `{ $unit }` is not defined
config-no-kop = a unit needs at least one kop line
config-no-fonts-dir = font folder `{ $dir }` not found
config-font-size = font_size must be between 4 and 24 points
config-margin = margin_mm must be between 5 and 40
config-signature-box = signature_box_pt must be between 16 and 144
config-date-style = `{ $value }` is not a date style: dates print as `{ $padded }` or `{ $plain }`
config-date-style-hint = write `tanggal = "{ $plain }"` for days without a leading zero, or leave it out
config-empty-header = the header of column `{ $key }` is empty
config-empty-header-hint = write the words the column is headed with, or leave the key out for the profile's
config-mutu-none = `mutu_baku` lists no column
config-mutu-none-hint = list the mutu baku columns in their order, e.g. `[{ "{" } kolom = "kelengkapan" { "}" }, { "{" } kolom = "waktu" { "}" }, { "{" } kolom = "output" { "}" }]`, or leave the key out for these three
config-mutu-twice = mutu baku column `{ $key }` is listed twice
config-mutu-unknown = `{ $key }` is not a mutu baku column
config-mutu-unknown-hint = a column of the project's own needs its header: `{ "{" } kolom = "sumber_data", judul = "Sumber Data" { "}" }`.
config-mutu-key = `{ $key }` cannot be a step's key
config-mutu-key-hint = a column's key is written by steps under `mutu_baku:`: lower-case letters, digits and `_`, a letter first, e.g. `sumber_data`
config-mutu-width = a mutu baku column's width is from { $least } to { $most } (Kegiatan's is 22, Kelengkapan's 11)
validate-mutu-not-printed = the project prints no mutu baku column `{ $key }`
validate-mutu-not-printed-hint = add `{ "{" } kolom = "{ $key }" { "}" }` to `[format] mutu_baku` in sopkit.toml, or leave the step's `{ $key }` out
validate-mutu-unknown = the project has no mutu baku column `{ $key }`
validate-mutu-step-key-hint = write it as the step's own `{ $key }:`, not under `mutu_baku:`
yes-no-invalid = `{ $word }` is not a yes or no: write `ya` or `tidak`
config-unknown-official = official `{ $official }` is not defined
config-marker-length = marker `{ $marker }` must be exactly one character
config-marker-text = marker `{ $marker }` would also match ordinary text; use a sign such as # or $
config-marker-twice = marker `{ $marker }` is given twice
config-url-scheme = the verification URL must start with https://
config-url-long = the verification URL is too long for a QR code ({ $count } characters)
config-url-long-hint = keep it under { $most } characters, e.g. https://.../verifikasi/{"{"}id{"}"}
config-footer-url = a TTE footer needs the verification URL for its QR code
config-footer-url-hint = add `url = "https://.../verifikasi/{"{"}id{"}"}"` under [tte]
config-file-missing = file `{ $file }` not found
config-file-outside = `{ $file }` is outside the project folder
sheet-label-unplaced = an exit label of step { $step } could not be set clear of the lines around it
sheet-label-unplaced-hint = a shorter label, or fewer actors beside this step, gives it room
sheet-row-too-tall = step { $step } is too tall for one page ({ $height } pt of { $available } pt)
sheet-row-too-tall-hint = shorten its texts, or split it into two steps
sheet-too-crowded = too many arrows run beside step { $step }: the flowchart has no room for them
sheet-too-crowded-hint = use fewer jumps across the same columns, or a larger `paper` under [format] in sopkit.toml
sheet-no-room = { $actors } actors do not fit the page: their columns and the text columns need { $needed } mm at the least, the page gives { $width } mm
sheet-no-room-hint = set a wider `paper` or `orientation = "landscape"` under [format] in sopkit.toml, a smaller `margin_mm`, or fewer actors in `pelaksana`
build-only-unknown = --only { $stem }: no such SOP under sops/ (known: { $known })
build-unknown-font = unknown font family `{ $font }`
build-fonts-available = available: { $fonts }

## The keputusan and revisions.
decree-unknown-official = official `{ $official }` is not defined in sopkit.toml
decree-empty-list = `{ $key }` needs at least one entry
decree-nomor-twice = nomor `{ $nomor }` is listed twice
decree-name-differs = the lampiran list names this SOP differently
decree-list-says = { $list }: { $cell } says { $value }; the definition wins
decree-date-differs = the lampiran list gives another tanggal efektif
decree-not-listed = this SOP is not in the lampiran list; it is added at the end
decree-not-listed-hint = add it to { $list }
decree-sop-before-decree = this SOP takes effect on { $effective }, before the keputusan that adopts it, dated { $adopted }
decree-sop-before-decree-hint = an SOP takes effect once it is adopted: set tanggal_efektif to { $adopted } or later, or correct the keputusan's `ditetapkan.tanggal`
decree-no-sop = the lampiran lists no SOP
decree-no-sop-hint = add SOP definitions or a `daftar` spreadsheet
revisions-expired = this SOP was valid until { $date }
revisions-expired-hint = revise it: add a `revisi` entry and a new berlaku_sampai
revisions-no-position = `{ $jabatan }` is no longer a position in sopkit.toml
revisions-officials = officials: { $officials }
revisions-new-holder = the { $jabatan } is now { $nama }
revisions-update = update disahkan_oleh, or the official in sopkit.toml

## Monitoring and evaluation: the loop back into the SOPs.
monev-perlu-revisi = this SOP was judged in need of revision ({ $kind } in { $place }, { $date }) and has not been revised since
monev-perlu-revisi-hint = revise this SOP, then record it under `revisi` with a date after { $date }
monev-not-monitored = this SOP has not been monitored for more than six months (last monitoring: { $last })
monev-not-monitored-hint = schedule its monitoring and record the result under monev/
monev-not-evaluated = this SOP has not been evaluated for more than a year (last evaluation: { $last })
monev-not-evaluated-hint = schedule its evaluation and record the answers under monev/
monev-never = never
monev-retired-sop = SOP `{ $sop }` is no longer in the project (last issued as version { $version } on { $date }): this record is kept as history, and its judgement counts for no SOP
monev-partial-recap = rekap.pdf counts only the records named here ({ $named } of the { $all } in { $dir }/; `sopkit terbit` will not issue it); run `sopkit monev` without naming records for the whole recap
monev-retired-record = the forms of { $record } are not made again, as it names an SOP retired since (those made while it was in force stay); the recap counts its other judgements

## Run records (laporan).
run-no-register = a risk analysis needs its register
run-no-register-hint = add `risiko: {"{"} register: register-risiko.xlsx {"}"}` to the run record
run-no-monitoring = a monitoring report needs its `monitoring` data (targets, results, findings)
run-period-backwards = the period ends before it starts
run-row-cells = this row has { $cells } cells but the table has { $columns } columns
run-no-such-step = the SOP `{ $sop }` has no such step (it has { $count } steps)
run-step-twice = step { $step } is reported twice; the later entry counts
run-not-duration = `{ $text }` is not a duration (e.g. 20 menit, 2 jam)
run-step-backwards = the step finishes before it starts
run-register-missing = register `{ $file }` not found
run-no-targets = a monitoring report needs its targets (`target`, or a `berkas` sheet)
run-not-a-target = `{ $target }` is not a target of this run
run-not-a-level = `{ $level }` is not a risk level
run-levels = levels: { $levels }
run-no-signer = nobody signs this report
run-no-signer-hint = name them under `penandatangan`, or set `penandatangan` under [laporan] in sopkit.toml
run-signer-incomplete = a signer needs `pejabat` (an official of sopkit.toml) or `jabatan` and `nama`

## Reports and spreadsheets.
record-unknown-kind = `{ $text }` is not a kind of laporan (pelaksanaan, analisis_risiko, monitoring_keamanan)
record-kind-of-file = { $name }: a run record is a .yaml, .yml or .toml file, or a spreadsheet (.xlsx, .xls, .ods)
record-no-workbook = workbook `{ $file }` not found
record-step-number = a step row starts with its step number
record-no-runs = { $name }: sheet `{ $sheet }` has a header row but no runs
laporan-no-record = { $path }: no such run record
laporan-same-output = { $first } and { $second } would both write laporan/{ $stem }.pdf; rename one of them
laporan-no-sop = no SOP `{ $sop }` under sops/
laporan-sops = SOPs: { $sops }
laporan-skip-document = it is a document, not a run record: write the run as YAML or as rows of a spreadsheet
risk-none = { $name }: sheet `{ $sheet }`: the register has no risks
risk-level-range = { $what } must be a level from 1 to 5, not `{ $text }`
risk-besaran-differs = besaran { $written } does not match the matrix, which gives kemungkinan { $kemungkinan } and dampak { $dampak } a besaran of { $besaran }; using { $besaran }
risk-level-differs = level `{ $written }` does not match besaran { $besaran } ({ $level }); using { $level }
risk-opsi = `{ $opsi }` is not an opsi penanganan for { $kind } risks ({ $allowed })
monitoring-sesuai = Sesuai is Ya or Tidak, not `{ $value }`
monitoring-status = status is selesai, proses or belum, not `{ $value }`
spreadsheet-no-header = { $name }: no sheet has a header row with the columns { $columns }
spreadsheet-no-lampiran-header = { $name }: no sheet has a header row with `No SOP`, `Tanggal Efektif` and `Nama SOP`
spreadsheet-no-date = no tanggal efektif
spreadsheet-not-date = `{ $value }` is not a date

## Importing workbooks.
cell-ref = sheet `{ $sheet }`, cell { $cell }
import-damaged = { $name }: the file is damaged: its structure cannot be read ({ $why })
import-no-sop = { $name }: no SOP found: no sheet has a procedure table (a header row with Kegiatan and PELAKSANA)
import-exists = { $file } already exists; nothing was written
import-same-nomor = { $file }: nomor `{ $nomor }` is also the nomor of { $other }: the same SOP imported twice? keep one of them (`sopkit check` refuses two SOPs with one nomor)
import-exists-hint = pass --force to overwrite it, or -o to write elsewhere
import-todo-written = written to { $file }
import-todo-guessed = guessed, check these ({ $count }):
import-missing-value = not found in the source document: fill in
import-partial-value = incomplete in the source document:
import-todo-fill = to fill in ({ $count }):
import-todo-left = not imported ({ $count }):
import-todo-line = { $file }:{ $line }: `{ $key }` { $why }
import-read-as = `{ $written }` read as { $label }
import-header-unplaced = the header `{ $text }` names no column sopkit knows (it looks for { $labels }); the column is not imported
import-no-sop-half = { $name }: no SOP found: { $cell }: `{ $text }` looks like the procedure table's header, but this row has no { $missing } header (sopkit looks for { $labels })
import-branch-by-words = step { $step }: the branch "{ $words }" taken to step { $target } ({ $kegiatan })
import-mention-no-branch = step { $step } mentions step { $target }, but no branch or arrow goes there from it; check the flow
import-merged-value = step { $step }: `{ $value }` is in a cell merged over this step and the one before; taken for both
import-merged-mark = step { $step }: one mark is merged over several actors' columns; each of them is taken as doing the step
import-no-steps = { $name }: sheet `{ $sheet }` has a procedure table's header but no steps under it (an empty template?); skipped
import-cell-error = step { $step }: the cell shows an Excel error (`{ $value }`): left empty; look at the workbook
import-to-fix = to fix before `sopkit check` passes: { $message }
import-word-97 = { $name }: Word 97-2003 documents (.doc) are not read
import-word-97-hint = open it in Word or LibreOffice and save it as .docx (File > Save As > Word Document (.docx)), or convert it with `soffice --headless --convert-to docx "{ $name }"`
import-skipped = { $folder }: { $count } file(s) skipped, not of a kind sopkit imports ({ $kinds }): { $files }
import-folder-empty = { $folder }: no document to import in this folder (looked for { $kinds })
import-sheet-skipped = { $name }: sheet `{ $sheet }` has neither a procedure table nor identity labels; skipped
import-identity-alone = { $name }: sheet `{ $sheet }` holds an identity but no procedure table follows it; skipped
import-not-imported = not imported: { $what }
import-more-left = and { $count } more cells
import-renumbered = the table numbers its steps { $numbers }; the definition numbers them 1 to { $count } (step { $step } is numbered `{ $written }` in the table)
import-symbol-vs-mark = step { $step }: the symbol stands in `{ $symbol }`'s column but this cell marks `{ $mark }`; the symbol is used
import-marks-no-symbol = step { $step } has no symbol and is marked for { $names }; `{ $used }` is used
import-no-mark = step { $step }: no mark or symbol in any actor column; assigned to `{ $actor }`
import-decision-no-tidak = step { $step } is marked as a decision but Keterangan names no step for "Tidak"; imported as a process
import-as-process = step { $step }: { $why }; imported as a process
import-decision-joint = step { $step } is a decision marked for { $names }; one actor decides, so `{ $used }` is used
import-branch-missing = a branch goes to a step that does not exist
import-branch-self = a branch goes back to the decision itself
import-branch-same = two branches go to the same step
import-branch-many = a decision has at most four branches
import-second-symbol = step { $step } has a second symbol (`{ $shape }`) in one actor's column; it is left out
import-loose-arrow = an arrow (`{ $shape }`) joined to no symbol
import-mulai-not-first = step { $step }: a Mulai terminator stands beside it, not beside step 1; left out
import-joint-order = step { $step }: the arrows between its symbols do not pass them column by column; taken in column order
import-decision-arrows = step { $step }: the decision has { $count } arrow(s) out, not two to four; imported as a process
import-no-arrow-out = step { $step }: no arrow leaves it; it is taken to continue to step { $next }
import-fork-cut = step { $step }: { $count } arrows leave it, but a fork leads to at most { $most } steps: written to { $kept }; add the arrows to { $cut } by hand, through another step
import-exits-cut = step { $step }: its decision has { $count } exits, but a decision has at most { $most }: written to { $kept }; add the exits to { $cut } by hand, through another step
import-connector-alone = an off-page connector `{ $text }` with no partner
import-shape-outside = a { $kind } shape (`{ $shape }`) outside the steps' rows and actors' columns
import-shape-text = a shape with the text `{ $text }`
import-exit-unlabelled = step { $step }: the decision's exit to step { $target } has no label beside it; written without one (add it if the sheet names it)
import-label-by-line = step { $step }: `{ $label }` stands beside the arrow to step { $target }, away from the decision; taken as that exit's label
import-parallel-selesai = step { $step } is done in parallel, which cannot have a terminator beside it: the Selesai drawn here is left out, the step ends the flow
import-parallel-mulai = step { $step } is done in parallel, which cannot have a terminator beside it: the Mulai drawn here is left out
workbook-unreadable = cannot read the file: { $why }
workbook-bad-zip = the file is damaged: not a readable zip package ({ $why })
workbook-word = this is a Word document, not a spreadsheet; save the SOP table as .xlsx
workbook-zip = a zip archive that holds no workbook (not .xlsx or .ods)
workbook-pdf = this is a PDF, not a spreadsheet (.xlsx, .xls or .ods)
workbook-empty = the file is empty
workbook-not-spreadsheet = not a spreadsheet: expected an .xlsx, .xls or .ods workbook
sheet-unreadable = { $name }: sheet `{ $sheet }` cannot be read ({ $why }); open the workbook in Excel or LibreOffice and save it again
measure-rows = the measurement template reported { $rows } rows for { $steps } steps
measure-rows-hint = a project override of measure.typ.j2 or sopkit-lib.typ must report every row
workbook-damaged = the workbook is damaged: { $why }
workbook-drawings = its drawings cannot be read ({ $why }); only cell marks are used
workbook-rows-cut = sheet `{ $sheet }`: rows after row { $rows } were not read (an SOP is far shorter)
workbook-cols-cut = sheet `{ $sheet }`: { $count } cell(s) right of column { $cols } were not read
docx-too-big = the file is { $size } MB; sopkit reads Word documents of up to { $most } MB
docx-damaged = the Word document is damaged: { $why }
docx-no-document = not a Word document: the package holds no word/document.xml
docx-table-name = table { $number }
docx-shapes-outside = { $count } shape(s) anchored below the last table were not read: anchor each flowchart symbol in its table cell
docx-locked = this .docx is password-protected, or a .doc renamed: open it in Word, remove the password (File > Info > Protect Document) and save it as a Word Document (.docx)
docx-picture = sheet `{ $sheet }`: { $count } picture(s) spread over several rows and columns, a flowchart pasted as an image or scanned: sopkit reads drawn shapes, not pictures; the steps' actors come from the marks in their cells, if any
import-no-actor-names = the PELAKSANA header has no actor names under it (one sub-column per actor is expected in the next row)
identity-no-day = the day is missing ({ $cell }): fill it in
identity-month-guessed = the month `{ $written }` read as { $month }
identity-nomor-blank = the number is still a blank (`{ $blank }`, { $cell }): fill it in
identity-no-value = { $field } has no value

## Editor support.
schema-not-a-project = warning: { $dir } has no sopkit.toml; the schemas are written anyway, but VS Code uses them only for a project folder opened as a whole (run `sopkit schema` in the folder that holds sopkit.toml)
schema-written = schemas written to { $dir }; your .vscode/settings.json is kept: add the `yaml.schemas` entries of `sopkit init` to it

## Command-line mistakes (clap's own words in English; these in Indonesian)
usage-unknown-argument = the option `{ $arg }` is not known
usage-unknown-command = there is no command `{ $command }`
usage-invalid-value = `{ $value }` is not a value of { $arg } (it takes: { $valid })
usage-bad-value = `{ $value }` is not a valid value of { $arg }
usage-missing = { $arg } must be given
usage-conflict = { $arg } cannot be used together with { $other }
usage-no-command = say what to do: a command such as `sopkit build`, `sopkit check` or `sopkit init FOLDER`
usage-other = the command line cannot be read: { $text }
usage-see-help = See `sopkit --help` for the commands, and `sopkit COMMAND --help` for their options.

## The command line's help (Indonesian; English is the code's own).
help-template = {"{"}about-with-newline{"}"}
    Usage: {"{"}usage{"}"}

    Commands:
    {"{"}subcommands{"}"}

    Options:
    {"{"}options{"}"}
help-template-command = {"{"}about-with-newline{"}"}
    Usage: {"{"}usage{"}"}

    Arguments:
    {"{"}positionals{"}"}

    Options:
    {"{"}options{"}"}
help-cmd-sopkit = Indonesian government SOPs as official, signed-ready PDFs
help-cmd-init = Create a new SOP project that builds as it is
help-cmd-check = Validate the project; exit 1 with file:line:col errors
help-cmd-build = Build the SOP sheets (and the other documents) into PDFs
help-cmd-watch = Build, then rebuild what changed whenever a project file is saved
help-cmd-laporan = Build per-run reports (laporan) from run records
help-cmd-monev = Build the monitoring and evaluation forms, berita acara and recap from monev records
help-cmd-import = Convert legacy SOPs (.xlsx/.xls/.ods workbooks, .docx Word documents, PDF sheets), or every one in a folder, into definitions
help-cmd-templates = Copy the built-in templates into the project's templates/ folder for editing
help-cmd-schema = Write JSON Schemas of the project's files, for completion and checks in the editor
help-arg-help = Print help
help-arg-version = Print version
help-arg-bahasa = Language of messages: id (Bahasa Indonesia) or en; default: the locale's (LC_ALL, LC_MESSAGES, LANG)
help-arg-project = Project folder (default: the current folder)
help-arg-dir = Folder of the new project (created; must be empty or absent)
help-arg-out = Output folder (default: output/<project folder name>/)
help-arg-emit_typst = Also write each generated Typst source beside its PDF (x.typ beside x.pdf)
help-arg-sign_fields = Add an empty signature field (AcroForm /FT /Sig) over every signature box
help-arg-no_pdfa = Write plain PDF instead of PDF/A-2b
help-arg-jobs = Parallel jobs (default: all cores)
help-arg-only = Build only this SOP: its path under sops/ without extension (repeatable)
help-arg-deny_warnings = Treat warnings as errors
help-arg-interval = How often to look for changes, in milliseconds
help-arg-runs = Run records: .yaml/.toml (one run each), .xlsx/.xls/.ods (one run per row), or folders of them
help-arg-paths = [PROJECT] [RECORD...]: the project folder (default: the one holding the records, else the current folder), then monev records: .yaml/.toml or .xlsx/.xls/.ods (one record each), or folders of them (default: PROJECT/monev/)
help-arg-files = Legacy workbooks (.xlsx, .xls, .ods), Word documents (.docx) and PDF sheets, or folders holding them (walked with their subfolders)
help-arg-force = Overwrite files that already exist

## The environment.
io-cannot-read = cannot read
io-cannot-write = cannot write
io-cannot-create = cannot create
io-cannot-create-in = cannot create a file in
io-cannot-remove = cannot remove
io-cannot-open = cannot open
io-cannot-open-project = cannot open project folder
io-cannot-read-font = cannot read font
init-not-empty = { $dir } is not empty; sopkit init needs a new or empty folder
templates-exists = { $file } exists; use --force to overwrite
spreadsheet-no-sheet = { $name }: no sheet `{ $sheet }` (sheets: { $sheets })
record-no-runs-at-all = { $name }: no runs: no sheet is headed SOP, Nomor, Tanggal (one run per row), and no sheet is a run form with SOP, Nomor and Tanggal labels (one run per sheet)
env-epoch = SOURCE_DATE_EPOCH must be a number of seconds, not `{ $text }`
env-epoch-range = SOURCE_DATE_EPOCH is out of range
book-bind = cannot bind the book: { $why }
build-sign-fields = { $path }: cannot add signature fields: { $why }
import-summary = sheet `{ $sheet }`: { $sop }: { $steps } steps, { $actors } actors, { $decisions } decision(s) from { $how }; identity { $found }/13 fields; { $left } cell(s) not imported
import-from-shapes = drawn shapes
import-signer-from = Disahkan oleh from the signature at { $at }
import-name-from-title = no "Nama SOP" label: the title `{ $nama }` is taken as the SOP's name
import-header-from = Imported by `sopkit import` from { $file } (sheet { $sheets }).
import-header-kop = Kop on the sheet: { $kop }
import-header-unit = (a project gives kop lines per unit in sopkit.toml; set `unit:` to the matching one)
import-from-marks = cell marks
import-no-name = (no name)
workbook-password = the workbook is password-protected; open it in Excel, remove the password (File > Info > Protect Workbook), save it and use the saved copy
workbook-many-shapes = sheet `{ $sheet }`: its drawing holds { $count } shapes (a flowchart has a few hundred at most); only cell marks are used
workbook-too-big = the file is { $size } MB; sopkit reads spreadsheets of up to { $most } MB
workbook-repeated-cells = it holds more than { $most } cells
spreadsheet-too-large = the sheet's values span { $range } ({ $rows } rows by { $cols } columns), more than the { $most } cells sopkit reads from one sheet; this value lies farthest out
spreadsheet-too-large-hint = delete the stray values far from the table (in Excel, Ctrl+End goes to the last cell in use), save the workbook and try again
spreadsheet-declared-range = sheet `{ $sheet }` declares a used range of more than { $most } cells; the file is damaged
build-book-not-made = buku-sop.pdf is not made again because { $count } SOP(s) have errors: it must hold every SOP; its earlier file, if any, is kept

# issuing (sopkit terbit), issue 21
help-cmd-terbit = Issue the built documents: record each new version in the project's ledger (terbitan.toml) and archive its PDF
help-arg-tanggal = The day of issue, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)
terbit-issued = issued: { $path } version { $version } (verification id { $id })
terbit-unchanged = unchanged: { $path } is version { $version } as issued before
terbit-summary = { $issued } document(s) issued, { $unchanged } unchanged; the ledger is terbitan.toml, the issued PDFs are kept in arsip/
terbit-nothing = nothing was issued: fix the errors above, then run `sopkit terbit` again
terbit-changed = { $path } changed after it was built: it is not issued; run `sopkit terbit` again
terbit-monev-stale = { $path } does not follow { $record } as it is now (changed since `sopkit monev` made it, or made from other records): nothing is issued; run `sopkit monev` again, then `sopkit terbit`
terbit-archive-differs = { $path } already holds another PDF: an issued version is never overwritten; move it away only if it is not an issued document
terbit-ledger-changed = { $path } cannot be read ({ $why }); nothing was issued
ledger-bad-id = `{ $id }` is not a verification id: ids are 16 letters a-f and digits, as sopkit terbit writes them
ledger-bad-hash = `{ $hash }` is not a SHA-256 (64 letters a-f and digits)
ledger-version-gap = version { $version } of { $id } follows version { $previous }: versions are numbered 1, 2, 3... without gaps
ledger-no-length = the PDF's length in bytes is missing (bita)
ledger-other-kind = { $id } is the id of a document of another kind in an earlier version
ledger-other-document = { $id } is the id of another document: this version shares neither its path (berkas) nor its nomor with the version before
ledger-hash-twice = this PDF (its sha256) is already issued as document { $other }: one PDF is one document
ledger-archive-missing = { $path } is missing or not the PDF as issued: the portal cannot offer this version (its verification still works)
ledger-archive-missing-hint = restore the arsip/ folder from version control or a backup
ledger-edited-hint = terbitan.toml is written by sopkit terbit; restore it from version control (git checkout terbitan.toml) rather than editing it
build-draft = { $path } differs from its version { $version } as issued: it is a draft until `sopkit terbit` issues it

## Messages of the environment, PDFs and templates.
working-not-a-time = `{ $text }` is not a time (HH:MM)
working-day-backwards = the working day must end after it starts
working-not-a-day = `{ $day }` is not a day (senin, selasa, rabu, kamis, jumat, sabtu, minggu)
working-no-day = at least one working day is needed
workers-cannot-start = cannot start worker threads: { $why }
pdf-unreadable = cannot read the PDF: { $why }
pdf-cannot-write = cannot write the PDF: { $why }
cache-cannot-write = cannot write the cache: { $why }
manifest-cannot-write = cannot write manifest: { $why }
bind-part-unreadable = a part is not a readable PDF: { $why }
bind-cannot-write = cannot write the book: { $why }
load-cannot-list = cannot read { $dir }: { $why }
template-unreadable = cannot read { $path }: { $why }
template-error = template error: { $kind }
template-error-detail = template error: { $kind }: { $detail }
pdf-standard = PDF/A-2b: { $why }
pdf-export = PDF export: { $why }
record-no-tanggal = no tanggal
spreadsheet-no-nomor = no nomor SOP
tte-too-few-markers = { $file }.pdf has { $signers } signers ({ $roles }) but only { $markers } markers are given
tte-too-few-markers-hint = give one marker per signer, e.g. penanda = ["#", "$", "&", "@"]
compile-font-hint = embedded fonts: { $fonts }; add others with `fonts_dir` in sopkit.toml

# validate/import messages (issue 21)
import-kind-terminator = terminator
import-kind-process = process
import-kind-decision = decision
import-kind-picture = picture
import-unnamed-shape-outside = a shape (`{ $shape }`) outside the steps' rows and actors' columns
portal-template = a portal template cannot be rendered: { $why }
sop-step-no-actor-hint = write `pelaksana: <actor id>`, or list the row's symbols under `simbol:`
sop-exit-no-label-hint = leave `label` out where the sheet prints no label beside the exit
sop-exit-target-twice = this exit already goes to that step
sop-nomor-empty = `nomor` is empty: write the number printed in the No column (3, 2a, 3.1)
sop-nomor-twice = number { $nomor } is printed on two steps
sop-simbol-empty = `simbol` lists no symbol
sop-simbol-lane-twice = actor `{ $id }` has two symbols in this row
sop-simbol-lane-twice-hint = a row holds one symbol per actor column; a second action of the same actor is a step of its own
sop-link-crosses = this arrow along the row would cross the symbol of `{ $id }`
sop-link-crosses-hint = an arrow along the row joins neighbouring symbols: point it to the nearer one, or to the next step
sop-link-twice = these two symbols are already joined by an arrow
sop-link-twice-hint = for work that goes back and forth write `panah: dua` on one of them
sop-simbol-no-entry = every symbol of this row is reached from another one: the flow has no way in
sop-simbol-no-entry-hint = the symbol the flow enters by is the one no other symbol of the row leads to
sop-simbol-step-key = with `simbol`, `{ $key }` is written on the symbol it belongs to, not on the step
sop-simbol-step-key-hint = move it under the right item of `simbol:` (`selesai: true` becomes `jenis: selesai`)
sop-simbol-decision-no-exits = a symbol of `jenis: keputusan` needs its exits under `keputusan:`
sop-simbol-not-decision = a `{ $jenis }` symbol has no exits: only a decision has `keputusan`
sop-simbol-dead-end = the flow stops at this symbol: it is the last of the procedure
sop-simbol-dead-end-hint = give it `jenis: selesai`, or `lanjut` to where the work goes on
sop-keterangan-step = Keterangan names step { $step }, which this sheet does not print
sop-keterangan-step-hint = the steps are printed as { $numbers }
sop-stacked-on-box = a terminator stacks only with a box
sop-stacked-on-box-hint = leave `jenis` out (a box), or write the terminator as a symbol of its own with `jenis: mulai` or `jenis: selesai`
sop-stacked-twice = only one symbol of a row has `{ $key }`
sheet-teks-too-long = the text “{ $teks }” does not fit its symbol even at the smallest size (4 pt)
sheet-teks-too-long-hint = shorten it (it is printed over the outline), or give the actors more room: fewer actors, or wider paper
sop-panah-unused = `panah` draws nothing here: no arrow along the row leaves this symbol
sop-panah-unused-hint = `panah` sets the heads of the arrow to the next symbol of the row; leave it out, or put it on the symbol the arrow leaves
sop-number-quote = a step number with a dot goes in quotes, exactly as the sheet prints it, e.g. `"3.1"` (this one reads as { $number }: unquoted, 3.1 and 3.10 read alike)
check-ok-only = ok: { $sops } is valid (only the SOPs given with --only were checked)
yaml-key-shifted = `{ $key }` starts { $spaces } column(s) further right than `{ $above }` above it
yaml-key-shifted-hint = keys of one item start in the same column: move `{ $key }` { $spaces } column(s) to the left, under `{ $above }`
yaml-no-colon = a line without `:` between its key and its value
yaml-no-colon-hint = write it as { $key }: { $value }
yaml-no-colon-alone = write `{ $key }:` with its value after the colon, or remove the line
sop-nomor-back = step { $nomor } comes after step { $previous }: the numbers go back

## Shared positions, Dasar Hukum and revisions (sopkit.toml).
shared-position-twice = `{ $key }` is both a [jabatan] and an [officials] key: one key, one position
shared-position-empty = position `{ $key }` has no jabatan to print
shared-law-empty = Dasar Hukum `{ $key }` has no text
shared-lane-unknown = column `{ $id }` has no label, and sopkit.toml has no position `{ $id }`
shared-lane-as-written = `{ $label }` looks like a position key, but sopkit.toml has no such position: the sheet prints it as written
shared-law-as-written = `{ $item }` looks like a key of [dasar_hukum], but sopkit.toml has none: the sheet prints it as written
shared-signer-unknown = sopkit.toml has no official or position `{ $key }`
shared-signer-no-holder = position `{ $key }` names no holder to sign
shared-signer-no-holder-hint = add `nama` (and `nip`) under [jabatan.{ $key }] in sopkit.toml
shared-revision-selects-nothing = this revision does not say which SOPs it changes
shared-revision-selects-nothing-hint = add jabatan, dasar_hukum, unit or sop (keys), or `semua = true` for every SOP
shared-revision-unknown = { $selector } `{ $key }` is not in the project
shared-revision-touches-none = this revision touches no SOP
shared-revision-touches-none-hint = the SOPs it selects were all made after its date, or none uses what it names
check-shared-revision = note: revision { $place } ({ $tanggal }, "{ $perubahan }") touches { $count } SOP: { $sops }
migrate-fix-first = satukan rewrites only a project without errors: fix these first
migrate-nothing = no position or Dasar Hukum is repeated across definitions: nothing to share
migrate-position = position `{ $key }` = "{ $jabatan }" (used by { $count } SOP)
migrate-law = Dasar Hukum `{ $key }` = "{ $text }" (cited by { $count } SOP)
migrate-tried = --coba: nothing written ({ $files } files would change)
migrate-written = written: { $files } files; every SOP prints as before
migrate-would-break = nothing written: the rewritten project would not read ({ $what })
migrate-would-change = nothing written: { $file } would print differently after the rewrite
migrate-table-inline = sopkit.toml writes [{ $table }] inline: write it as a table to add to it
migrate-comment-positions = Positions several SOPs share: a definition names one by its key (written by `sopkit satukan`).
migrate-comment-laws = Dasar Hukum items several SOPs cite: a definition names one by its key (written by `sopkit satukan`).
help-cmd-satukan = Move the project to shared positions and Dasar Hukum
help-arg-coba = Show what would change, without writing anything
shared-former-name = this text still says "{ $former }", a former name of position `{ $key }` (now "{ $jabatan }")
shared-former-name-hint = write "{ $jabatan }" here: sopkit.toml renames columns and signatures, not the SOP's own sentences
pdf-encrypted = { $name }: the PDF is protected by a password; save an unprotected copy and import that
pdf-page-scan = page { $page } is a picture only (a scan or a pasted image): it holds no text or drawing to read; type its content in, or import the document it was made from
pdf-page-picture = page { $page } has no vector drawing, only a picture with text over it: its table text is read, its flowchart is not
pdf-page-flowchart-picture = page { $page }: the flowchart is a picture pasted over the table: the table's text is read, its symbols and arrows are not
pdf-sheet-page = page { $page }
pdf-sheet-pages = pages { $first }-{ $last }
pdf-shape = shape
monev-no-record = monev record `{ $path }` not found
monev-no-records = no monev records: put them in { $dir }/ (.yaml, .toml or .xlsx) or name them on the command line
monev-same-output = { $first } and { $second } both make the documents of `{ $stem }`: rename one
monev-unknown-unit = unit `{ $unit }` is not defined in sopkit.toml
monev-units = the units are: { $units }
monev-periode-reversed = the period ends ({ $sampai }) before it starts ({ $mulai })
monev-no-penilai = a monev record names its evaluators under `penilai`
monev-penilai-incomplete = an evaluator needs `pejabat` (an official of sopkit.toml) or `nama`
monev-officials = the officials are: { $officials }
monev-no-sop = SOP `{ $sop }` is not in the project (write its nomor or its path under sops/)
monev-sops-of-unit = the unit's SOPs: { $sops }
monev-sop-other-unit = SOP `{ $sop }` belongs to unit `{ $its }`, not to `{ $unit }`: move it to that unit's record
monev-sop-twice = SOP `{ $sop }` is listed twice
monev-unknown-criterion = `{ $key }` is not an evaluation criterion of [monev] kriteria
monev-criteria = the criteria are: { $keys }
monev-answer = `{ $text }` is not an answer for { $key }: write ya or tidak
monev-missing-criteria = the evaluation of `{ $sop }` does not answer: { $keys } (write ya or tidak for each)
monev-sheet-no-table = { $name }: no sheet has a table headed Nomor SOP (or Prosedur) with Penilaian or the evaluation criteria
monev-sheet-no-sop = the row names no SOP: write its nomor
monev-sheet-penilaian = `{ $text }` is not a judgement: write "Berjalan dengan baik" or "Tidak berjalan dengan baik"
monev-sheet-jawaban = `{ $text }` is not an answer: write Ya or Tidak
monev-sheet-no-label = no cell labelled { $label } above the table (or on a sheet named identitas)
monev-sheet-periode = `{ $text }` is not a period: write e.g. 2024-01-01 s.d. 2024-06-30
