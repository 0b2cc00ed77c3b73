## What a message is, as the terminal labels it.
severity-error = kesalahan
severity-warning = peringatan
severity-hint = petunjuk
severity-note = catatan

serve-at = portal dapat dibuka di { $url } (Ctrl-C untuk berhenti)
serve-cannot-listen = tidak dapat mendengarkan di port { $port } 127.0.0.1 ({ $why }): beri port lain dengan --port, atau --port 0 untuk port bebas mana saja
serve-errors = proyek masih punya kesalahan (ditampilkan juga di halaman yang terbuka); halaman menampilkan build terakhir yang berhasil
serve-updated = build { $version } siap; halaman yang terbuka dimuat ulang
serve-updated-pending = build { $version } siap; halaman yang terbuka dimuat ulang. { $paths } sedang dibuat ulang (versi sebelumnya tetap ada sampai selesai)...
serve-warnings-denied = build memuat peringatan, dihitung sebagai kesalahan (--deny-warnings); halaman yang terbuka juga menampilkannya
serve-no-project = { $dir } bukan folder proyek
serve-busy = server sedang melayani sambungan lain; coba lagi
serve-host-refused = hanya halaman yang diminta lewat alamat loopback (127.0.0.1, localhost, [::1]) yang dilayani
help-arg-port = Port loopback tempat portal disajikan (0: port bebas mana saja)
help-cmd-serve = Buat portal, sajikan di port loopback, dan muat ulang halaman yang terbuka setiap kali berkas disimpan
help-arg-portal = Tulis juga portal SOP statis ke OUT/portal/ (atau atur `[portal] aktif = true`)

## The command line's own lines.
run-failed = gagal: { $errors } kesalahan, { $warnings } peringatan
check-ok = ok: proyek ini sudah benar
progress-built = dibuat
progress-kept = tetap
watch-waiting = Menunggu perubahan...
watch-up-to-date = { $dir } sudah mutakhir. Menunggu perubahan...
watch-pending = { $dir } diperbarui. { $paths } sedang dibuat ulang (versi sebelumnya tetap ada sampai selesai)...
watch-partly = { $dir } sudah mutakhir kecuali yang disebut kesalahan di atas. Menunggu perubahan...
watch-failed = gagal; berkas keluaran sebelumnya tetap disimpan. Menunggu perubahan...
init-created = proyek dibuat di { $dir }; buat PDF-nya dengan `sopkit build { $dir }`: PDF ditulis ke { $out } di folder tempat perintah itu dijalankan

## Builds that keep going.
build-not-made-sops = keputusan dan buku-sop.pdf tidak dibuat ulang karena { $count } SOP masih punya kesalahan: keduanya harus memuat semua SOP; berkas sebelumnya, bila ada, tetap disimpan
build-not-made-decree = keputusan dan buku-sop.pdf tidak dibuat ulang karena keputusan masih punya kesalahan: keduanya harus memuat semua SOP; berkas sebelumnya, bila ada, tetap disimpan
build-not-made-monev = buku-sop.pdf dan portal tidak dibuat ulang karena ada catatan monev yang salah: keduanya memuat status monitoring dan evaluasi setiap SOP; berkas sebelumnya, bila ada, tetap disimpan
build-portal-not-made = portal tidak dibuat ulang: portal menampilkan semua SOP, dan sebagian masih punya kesalahan; portal sebelumnya, bila ada, tetap disimpan
build-sop-failed = { $file } masih punya kesalahan: lembar SOP-nya tidak dibuat ulang; lembar sebelumnya, bila ada, tetap disimpan
build-removed = { $path } dihapus: definisinya sudah tidak ada

## Checks of an SOP definition.
date-no-day-given = `{ $text }` tidak menyebut tanggalnya: tulis juga tanggal di bulan { $month }, misalnya `1 { $text }`
sop-nomor-placeholder = nomor `{ $nomor }` masih berisi tempat kosong (`{ $blank }`) di tempat angkanya
sop-nomor-placeholder-hint = tulis nomor SOP seperti yang diberikan (misalnya 800/012/SOP/DISKOMINFO/2024)
sop-empty-key = `{ $key }` tidak boleh kosong
sop-efektif-before-pembuatan = tanggal_efektif lebih awal dari tanggal_pembuatan
sop-made-on = SOP ini dibuat pada { $date }
sop-sampai-before-efektif = berlaku_sampai lebih awal dari tanggal_efektif
sop-revisi-before-pembuatan = tanggal_revisi lebih awal dari tanggal_pembuatan
sop-revision-predates = tanggal revisi tidak boleh sebelum tanggal_pembuatan
sop-no-actors = paling sedikit satu pelaksana (kolom) diperlukan
sop-no-steps = prosedur memerlukan paling sedikit satu langkah
sop-id-twice = id langkah `{ $id }` dipakai dua kali
sop-kegiatan-empty = kegiatan tidak boleh kosong
sop-no-such-step = langkah { $n } tidak ada (prosedur ini punya { $count } langkah)
sop-give-id = beri langkah tujuan sebuah `id`, atau pakai nomornya
sop-step-ids = id langkah yang ada: { $ids }
sop-no-such-id = tidak ada langkah dengan id `{ $id }`
sop-actor-twice = pelaksana `{ $id }` disebut dua kali pada langkah ini
sop-unknown-actor = pelaksana `{ $id }` tidak tercantum di bawah `pelaksana`
sop-step-no-actor = sebuah langkah memerlukan paling sedikit satu pelaksana
sop-decision-one-actor = keputusan diambil oleh satu pelaksana
sop-decision-one-actor-hint = biarkan para pelaksana mengerjakan satu langkah bersama dulu, lalu satu di antaranya memutuskan
sop-joint-order = tulis pelaksana langkah bersama sesuai urutan kolomnya
sop-columns-left-to-right = urutan kolom dari kiri ke kanan: { $columns }
sop-decision-lanjut = keputusan berlanjut lewat cabang-cabangnya, bukan `lanjut`
sop-decision-final = keputusan tidak bisa menjadi langkah terakhir
sop-exit-count = keputusan punya dua sampai empat cabang, bukan { $count }
sop-exit-count-hint = tulis sebagai `- {"{"} label: Lengkap, ke: 5 {"}"}`
sop-exit-no-label = setiap cabang memerlukan label
sop-exit-label-twice = label cabang `{ $label }` dipakai dua kali
sop-decision-missing-exit = keputusan ini tidak punya cabang `{ $exit }`
sop-decision-needs-both = keputusan memerlukan `ya` dan `tidak`
sop-ya-tidak-same = `ya` dan `tidak` menuju langkah yang sama
sop-not-a-decision = kalau begitu ini bukan keputusan: pakai `lanjut`
sop-self-loop = sebuah langkah tidak bisa menuju dirinya sendiri
sop-final-continues = langkah terakhir (`selesai`) tidak bisa berlanjut
sop-fork-count = percabangan punya dua sampai delapan cabang, bukan { $count }
sop-fork-count-hint = tulis satu langkah sebagai `lanjut: 5`, atau beberapa sebagai `lanjut: [5, 8]`
sop-fork-twice = langkah { $step } disebut dua kali pada `lanjut`
sop-terminator-between = terminator akan berada di antara simbol-simbol langkah ini
sop-terminator-between-hint = letakkan di kolom pelaksananya sendiri, atau di kolom di luar simbol-simbol langkah ini
sop-mulai-not-first = hanya langkah pertama yang punya terminator Mulai
sop-mulai-not-first-hint = pindahkan `mulai` ke langkah 1
sop-parallel-one-actor = langkah yang dikerjakan paralel memerlukan dua pelaksana atau lebih
sop-parallel-lanjut = pelaksana yang bekerja paralel semuanya berlanjut ke langkah berikutnya (tanpa `lanjut`)
sop-parallel-terminator = langkah yang dikerjakan paralel tidak punya terminator di sampingnya
sop-teks-line = `teks` adalah satu baris pendek di dalam simbol
sop-teks-long = `teks` berisi { $count } karakter; sebuah simbol memuat paling banyak { $most }
sop-teks-long-hint = tulis selebihnya di Keterangan
sop-no-mutu-baku = langkah { $step } tidak punya mutu baku (kelengkapan, waktu, output)
sop-no-verb = langkah { $step } tidak diawali kata kerja
sop-no-verb-hint = tulis langkah diawali kata kerja tanpa subjek, misalnya "Memverifikasi laporan"
sop-parallel-entered = langkah { $step } menuju langkah ini, yang dikerjakan paralel
sop-parallel-entered-hint = hanya langkah tepat sebelum langkah paralel yang boleh menuju ke sana
sop-parallel-twice = langkah paralel tidak bisa langsung menyusul langkah paralel lain
sop-parallel-twice-hint = sisipkan satu langkah di antaranya tempat pekerjaan disatukan
sop-unreachable = langkah { $step } tidak pernah tercapai dari langkah 1
sop-unreachable-hint = arahkan `lanjut`, `ya` atau `tidak` dari langkah sebelumnya ke langkah ini, atau hapus langkah ini
sop-endless = dari langkah { $step } alur tidak pernah sampai ke langkah terakhir
sop-endless-hint = langkah-langkah ini berputar terus: beri salah satunya `selesai: true` atau jalan keluar

## Reading a project.
load-not-a-project = { $dir } bukan proyek sopkit: { $file } tidak ditemukan (buat dengan `sopkit init FOLDER`)
load-spreadsheet-missing = lembar kerja `{ $file }` tidak ditemukan
load-key-missing = `{ $key }` belum ada
load-key-missing-hint = tambahkan `{ $key }:` ke definisi (contohnya ada di `sopkit init`)
load-step-key-missing = langkah { $step } tidak punya `{ $key }`
load-key-not-lined-up = `{ $key }` ditulis di baris { $line } tetapi tidak sejajar dengan kunci pertama langkah itu
load-step-key-missing-hint = tambahkan `{ $key }:` ke langkah itu
load-skip-case = ekstensinya tidak ditulis dengan huruf kecil: ganti namanya menjadi `{ $fixed }`
load-skip-double = namanya berakhir `.{ $ext }` setelah `.{ $inner }` (ditambahkan oleh penyunting teks): ganti namanya menjadi `{ $fixed }`
load-skip-document = ini dokumen, bukan definisi: tulis SOP sebagai YAML (untuk buku kerja Excel pakai `sopkit import`)
load-skip-spreadsheet = ini lembar kerja: jadikan definisi dengan `sopkit import { $name }`, atau pindahkan dari folder ini
load-skip-other = hanya berkas `.yaml`, `.yml` dan `.toml` yang dibaca sebagai definisi
load-skipped = { $file } tidak dibaca: { $why }
load-not-utf8 = berkas ini bukan teks UTF-8 yang sah (simpan ulang sebagai UTF-8)
load-unknown-key = kunci `{ $key }` tidak dikenal
load-did-you-mean = mungkin maksudnya `{ $key }`?
load-expected-one-of = yang dikenal: { $keys }
load-unknown-value = `{ $value }` bukan salah satu dari: { $values }
yaml-empty = berkas ini kosong
yaml-tab = baris ini diberi indentasi dengan tab; YAML hanya memakai spasi
yaml-colon-hint = tulis sebagai { $key }: "{ $value }"
yaml-colon-quote = beri tanda petik dua pada seluruh teks
yaml-colon = ada `:` di dalam teks: beri tanda petik pada seluruh teks
yaml-duplicate-keep = simpan salah satunya saja
yaml-duplicate-first = pertama kali ditulis di baris { $line }
yaml-duplicate = `{ $key }` ditulis dua kali
yaml-escape = tanda `\` di dalam petik dua memulai kode escape
yaml-brace = tanda `{"{"}` belum ditutup
yaml-bracket = tanda `[` belum ditutup
yaml-indent = baris ini tidak sejajar dengan baris di sekitarnya
yaml-end = berkas berakhir di tengah sebuah nilai
yaml-empty-hint = definisi diawali `nomor:` dan `nama:`; `sopkit init` menulis contoh yang bisa disalin
yaml-tab-hint = ganti tab dengan spasi (di kebanyakan penyunting: "convert indentation to spaces")
yaml-escape-hint = tulis alamat berkas dengan `/` ("assets/logo.png"), atau beri petik tunggal pada teksnya
yaml-brace-hint = tutup dengan `{"}"}` di baris yang sama, misalnya `keputusan: {"{"} ya: 3, tidak: 1 {"}"}`
yaml-bracket-hint = tutup daftarnya dengan `]` di baris yang sama
yaml-indent-hint = setiap butir daftar diawali `- ` pada indentasi yang sama, dan kunci-kunci sebuah butir sejajar di bawah kunci pertamanya
yaml-end-hint = periksa baris-baris terakhir
validate-related-typo = Keterkaitan `{ $item }` ditulis hampir sama dengan SOP { $nomor } "{ $nama }" di proyek ini, tetapi tidak persis
validate-related-typo-hint = tulis nama atau nomornya seperti pada definisinya, agar portal menautkannya ke halaman SOP itu
validate-nomor-twice = nomor SOP `{ $nomor }` sudah dipakai
validate-nomor-twice-hint = { $file } memakai nomor yang sama
validate-unknown-unit = unit `{ $unit }` tidak ada di sopkit.toml
validate-none-defined = belum ada { $what ->
        [officials] pejabat
        [units] unit
       *[other] { $what }
    } yang ditulis
validate-defined = { $what ->
        [officials] pejabat
        [units] unit
       *[other] { $what }
    } yang ada: { $keys }
date-invalid = `{ $text }` bukan tanggal: tulis sebagai 2023-09-27, 27-09-2023 atau 27 September 2023
date-no-month-name = `{ $text }` bukan tanggal: `{ $month }` bukan nama bulan (Januari, Februari, ... Desember)
date-no-month = `{ $text }` bukan tanggal: tidak ada bulan ke-{ $month } (bulan 1 sampai 12)
date-no-day = `{ $text }` bukan tanggal: { $month } { $year } hanya { $days } hari

## Settings and building.
config-no-units = paling sedikit satu unit dengan baris kopnya diperlukan
config-unknown-unit = unit `{ $unit }` belum ditulis
config-no-kop = sebuah unit memerlukan paling sedikit satu baris kop
config-no-fonts-dir = folder huruf `{ $dir }` tidak ditemukan
config-font-size = font_size harus antara 4 dan 24 poin
config-margin = margin_mm harus antara 5 dan 40
config-signature-box = signature_box_pt harus antara 16 dan 144
config-date-style = `{ $value }` bukan gaya tanggal: tanggal dicetak `{ $padded }` atau `{ $plain }`
config-date-style-hint = tulis `tanggal = "{ $plain }"` untuk hari tanpa nol di depan, atau hapus kunci ini
config-empty-header = judul kolom `{ $key }` kosong
config-empty-header-hint = tulis kata judul kolom itu, atau hapus kuncinya agar memakai judul profil
config-mutu-none = `mutu_baku` tidak berisi kolom
config-mutu-none-hint = tulis kolom mutu baku menurut urutannya, mis. `[{ "{" } kolom = "kelengkapan" { "}" }, { "{" } kolom = "waktu" { "}" }, { "{" } kolom = "output" { "}" }]`, atau hapus kunci ini untuk ketiganya
config-mutu-twice = kolom mutu baku `{ $key }` tertulis dua kali
config-mutu-unknown = `{ $key }` bukan kolom mutu baku
config-mutu-unknown-hint = kolom milik proyek sendiri perlu judul: `{ "{" } kolom = "sumber_data", judul = "Sumber Data" { "}" }`.
config-mutu-key = `{ $key }` tidak dapat menjadi kunci langkah
config-mutu-key-hint = kunci kolom ditulis langkah di bawah `mutu_baku:`: huruf kecil, angka dan `_`, diawali huruf, mis. `sumber_data`
config-mutu-width = lebar kolom mutu baku antara { $least } dan { $most } (Kegiatan 22, Kelengkapan 11)
validate-mutu-not-printed = proyek tidak mencetak kolom mutu baku `{ $key }`
validate-mutu-not-printed-hint = tambahkan `{ "{" } kolom = "{ $key }" { "}" }` ke `[format] mutu_baku` di sopkit.toml, atau hapus `{ $key }` langkah ini
validate-mutu-unknown = proyek tidak punya kolom mutu baku `{ $key }`
validate-mutu-step-key-hint = tulis sebagai kunci langkah sendiri `{ $key }:`, bukan di bawah `mutu_baku:`
yes-no-invalid = `{ $word }` bukan ya atau tidak: tulis `ya` atau `tidak`
config-unknown-official = pejabat `{ $official }` belum ditulis
config-marker-length = penanda `{ $marker }` harus tepat satu karakter
config-marker-text = penanda `{ $marker }` bisa tertukar dengan teks biasa; pakai tanda seperti # atau $
config-marker-twice = penanda `{ $marker }` ditulis dua kali
config-url-scheme = URL verifikasi harus diawali https://
config-url-long = URL verifikasi terlalu panjang untuk kode QR ({ $count } karakter)
config-url-long-hint = buat kurang dari { $most } karakter, misalnya https://.../verifikasi/{"{"}id{"}"}
config-footer-url = kaki halaman TTE memerlukan URL verifikasi untuk kode QR-nya
config-footer-url-hint = tambahkan `url = "https://.../verifikasi/{"{"}id{"}"}"` di bawah [tte]
config-file-missing = berkas `{ $file }` tidak ditemukan
config-file-outside = `{ $file }` berada di luar folder proyek
sheet-label-unplaced = label cabang langkah { $step } tidak bisa diletakkan bebas dari garis di sekitarnya
sheet-label-unplaced-hint = label yang lebih pendek, atau lebih sedikit pelaksana di samping langkah ini, memberinya ruang
sheet-row-too-tall = langkah { $step } terlalu tinggi untuk satu halaman ({ $height } pt dari { $available } pt)
sheet-row-too-tall-hint = pendekkan teksnya, atau pecah menjadi dua langkah
sheet-too-crowded = terlalu banyak panah di samping langkah { $step }: bagan alir tidak punya ruang untuk semuanya
sheet-too-crowded-hint = kurangi lompatan melintasi kolom yang sama, atau pakai `paper` yang lebih besar di [format] sopkit.toml
sheet-no-room = { $actors } pelaksana tidak muat di halaman: kolom mereka dan kolom teks paling sedikit butuh { $needed } mm, halaman hanya { $width } mm
sheet-no-room-hint = pakai `paper` yang lebih lebar atau `orientation = "landscape"` di [format] sopkit.toml, `margin_mm` yang lebih kecil, atau lebih sedikit pelaksana di `pelaksana`
build-only-unknown = --only { $stem }: tidak ada SOP itu di sops/ (yang ada: { $known })
build-unknown-font = jenis huruf `{ $font }` tidak dikenal
build-fonts-available = yang tersedia: { $fonts }

## The keputusan and revisions.
decree-unknown-official = pejabat `{ $official }` tidak ada di sopkit.toml
decree-empty-list = `{ $key }` memerlukan paling sedikit satu butir
decree-nomor-twice = nomor `{ $nomor }` tercantum dua kali
decree-name-differs = daftar lampiran menulis nama SOP ini secara berbeda
decree-list-says = { $list }: sel { $cell } menulis { $value }; yang dipakai isi definisi
decree-date-differs = daftar lampiran menulis tanggal efektif yang lain
decree-not-listed = SOP ini tidak ada di daftar lampiran; ditambahkan di akhir
decree-not-listed-hint = tambahkan ke { $list }
decree-sop-before-decree = SOP ini berlaku efektif { $effective }, sebelum keputusan yang menetapkannya, tertanggal { $adopted }
decree-sop-before-decree-hint = SOP berlaku sejak ditetapkan: isi tanggal_efektif dengan { $adopted } atau sesudahnya, atau perbaiki `ditetapkan.tanggal` pada keputusan
decree-no-sop = lampiran tidak memuat satu SOP pun
decree-no-sop-hint = tambahkan definisi SOP atau lembar kerja `daftar`
revisions-expired = SOP ini berlaku sampai { $date }
revisions-expired-hint = revisi SOP ini: tambahkan butir `revisi` dan berlaku_sampai yang baru
revisions-no-position = `{ $jabatan }` sudah bukan jabatan di sopkit.toml
revisions-officials = pejabat yang ada: { $officials }
revisions-new-holder = { $jabatan } sekarang { $nama }
revisions-update = perbarui disahkan_oleh, atau pejabat di sopkit.toml

## Monitoring dan evaluasi: umpan balik ke SOP.
monev-perlu-revisi = SOP ini dinilai perlu revisi ({ $kind } di { $place }, { $date }) dan belum direvisi sejak itu
monev-perlu-revisi-hint = revisi SOP ini lalu catat di `revisi` dengan tanggal sesudah { $date }
monev-not-monitored = SOP ini tidak dimonitor lebih dari enam bulan (monitoring terakhir: { $last })
monev-not-monitored-hint = jadwalkan monitoring SOP ini dan catat hasilnya di folder monev/
monev-not-evaluated = SOP ini tidak dievaluasi lebih dari setahun (evaluasi terakhir: { $last })
monev-not-evaluated-hint = jadwalkan evaluasi SOP ini dan catat jawabannya di folder monev/
monev-never = belum pernah
monev-retired-sop = SOP `{ $sop }` sudah tidak ada di proyek (terakhir diterbitkan sebagai versi { $version } pada { $date }): catatan ini disimpan sebagai riwayat, dan penilaiannya tidak dihitung untuk SOP mana pun
monev-partial-recap = rekap.pdf hanya menghitung catatan yang disebut di sini ({ $named } dari { $all } catatan di { $dir }/; `sopkit terbit` tidak akan menerbitkannya); jalankan `sopkit monev` tanpa menyebut catatan untuk rekap lengkap
monev-retired-record = formulir { $record } tidak dibuat lagi karena catatan itu menyebut SOP yang sudah dicabut (yang dibuat ketika SOP itu masih berlaku tetap ada); rekap menghitung penilaian lainnya

## Run records (laporan).
run-no-register = analisis risiko memerlukan register risikonya
run-no-register-hint = tambahkan `risiko: {"{"} register: register-risiko.xlsx {"}"}` ke catatan pelaksanaan
run-no-monitoring = laporan monitoring memerlukan data `monitoring` (sasaran, hasil, temuan)
run-period-backwards = periode berakhir sebelum dimulai
run-row-cells = baris ini berisi { $cells } sel, padahal tabelnya { $columns } kolom
run-no-such-step = SOP `{ $sop }` tidak punya langkah itu (SOP ini punya { $count } langkah)
run-step-twice = langkah { $step } dilaporkan dua kali; yang dipakai isian terakhir
run-not-duration = `{ $text }` bukan lama waktu (misalnya 20 menit, 2 jam)
run-step-backwards = langkah ini selesai sebelum dimulai
run-register-missing = register `{ $file }` tidak ditemukan
run-no-targets = laporan monitoring memerlukan sasarannya (`target`, atau lembar `berkas`)
run-not-a-target = `{ $target }` bukan sasaran pelaksanaan ini
run-not-a-level = `{ $level }` bukan tingkat risiko
run-levels = tingkat yang ada: { $levels }
run-no-signer = tidak ada yang menandatangani laporan ini
run-no-signer-hint = sebutkan di bawah `penandatangan`, atau isi `penandatangan` di [laporan] sopkit.toml
run-signer-incomplete = penanda tangan memerlukan `pejabat` (pejabat di sopkit.toml) atau `jabatan` dan `nama`

## Reports and spreadsheets.
record-unknown-kind = `{ $text }` bukan jenis laporan (pelaksanaan, analisis_risiko, monitoring_keamanan)
record-kind-of-file = { $name }: catatan pelaksanaan berupa berkas .yaml, .yml atau .toml, atau lembar kerja (.xlsx, .xls, .ods)
record-no-workbook = buku kerja `{ $file }` tidak ditemukan
record-step-number = baris langkah diawali nomor langkahnya
record-no-runs = { $name }: lembar `{ $sheet }` punya baris judul tetapi tidak ada pelaksanaan
laporan-no-record = { $path }: catatan pelaksanaan itu tidak ada
laporan-same-output = { $first } dan { $second } sama-sama akan menulis laporan/{ $stem }.pdf; ganti nama salah satunya
laporan-no-sop = tidak ada SOP `{ $sop }` di sops/
laporan-sops = SOP yang ada: { $sops }
laporan-skip-document = ini dokumen, bukan catatan pelaksanaan: tulis pelaksanaan sebagai YAML atau sebagai baris lembar kerja
risk-none = { $name }: lembar `{ $sheet }`: register belum berisi risiko
risk-level-range = { $what } harus tingkat 1 sampai 5, bukan `{ $text }`
risk-besaran-differs = besaran { $written } tidak sesuai matriks, yang memberi kemungkinan { $kemungkinan } dan dampak { $dampak } besaran { $besaran }; yang dipakai { $besaran }
risk-level-differs = level `{ $written }` tidak sesuai besaran { $besaran } ({ $level }); yang dipakai { $level }
risk-opsi = `{ $opsi }` bukan opsi penanganan untuk risiko { $kind } ({ $allowed })
monitoring-sesuai = Sesuai diisi Ya atau Tidak, bukan `{ $value }`
monitoring-status = status diisi selesai, proses atau belum, bukan `{ $value }`
spreadsheet-no-header = { $name }: tidak ada lembar dengan baris judul berkolom { $columns }
spreadsheet-no-lampiran-header = { $name }: tidak ada lembar dengan baris judul `No SOP`, `Tanggal Efektif` dan `Nama SOP`
spreadsheet-no-date = tanggal efektif kosong
spreadsheet-not-date = `{ $value }` bukan tanggal

## Importing workbooks.
cell-ref = lembar `{ $sheet }`, sel { $cell }
import-damaged = { $name }: berkas rusak: susunannya tidak bisa dibaca ({ $why })
import-no-sop = { $name }: tidak ada SOP: tidak ada lembar dengan tabel prosedur (baris judul berisi Kegiatan dan PELAKSANA)
import-exists = { $file } sudah ada; tidak ada yang ditulis
import-same-nomor = { $file }: nomor `{ $nomor }` juga nomor { $other }: SOP yang sama terimpor dua kali? simpan salah satunya (`sopkit check` menolak dua SOP dengan satu nomor)
import-exists-hint = pakai --force untuk menimpanya, atau -o untuk menulis di tempat lain
import-todo-written = ditulis ke { $file }
import-todo-guessed = ditebak, mohon diperiksa ({ $count }):
import-missing-value = tidak ada di dokumen asal: isi
import-partial-value = tidak lengkap di dokumen asal:
import-todo-fill = perlu diisi ({ $count }):
import-todo-left = tidak diambil ({ $count }):
import-todo-line = { $file }:{ $line }: `{ $key }` { $why }
import-read-as = `{ $written }` dibaca sebagai { $label }
import-header-unplaced = judul kolom `{ $text }` bukan kolom yang dikenal sopkit (yang dicari: { $labels }); kolom ini tidak diambil
import-no-sop-half = { $name }: tidak ada SOP: { $cell }: `{ $text }` tampak seperti judul tabel prosedur, tetapi baris ini tidak punya judul { $missing } (yang dicari sopkit: { $labels })
import-branch-by-words = langkah { $step }: cabang "{ $words }" diarahkan ke langkah { $target } ({ $kegiatan })
import-mention-no-branch = langkah { $step } menyebut langkah { $target }, tetapi tidak ada cabang atau panah dari langkah itu ke sana; periksa alurnya
import-merged-value = langkah { $step }: `{ $value }` ada di sel yang digabung untuk langkah ini dan langkah sebelumnya; dipakai untuk keduanya
import-merged-mark = langkah { $step }: satu tanda digabung di atas kolom beberapa pelaksana; masing-masing dianggap mengerjakan langkah ini
import-no-steps = { $name }: lembar `{ $sheet }` punya judul tabel prosedur tetapi tanpa langkah (templat kosong?); dilewati
import-cell-error = langkah { $step }: sel ini berisi galat Excel (`{ $value }`): dibiarkan kosong; periksa buku kerjanya
import-to-fix = perlu dibetulkan agar `sopkit check` lolos: { $message }
import-word-97 = { $name }: dokumen Word 97-2003 (.doc) tidak dibaca
import-word-97-hint = buka di Word atau LibreOffice lalu simpan sebagai .docx (File > Save As / Simpan Sebagai > Word Document (.docx)), atau ubah dengan `soffice --headless --convert-to docx "{ $name }"`
import-skipped = { $folder }: { $count } berkas dilewati, bukan jenis yang diimpor sopkit ({ $kinds }): { $files }
import-folder-empty = { $folder }: tidak ada dokumen untuk diimpor di folder ini (yang dicari { $kinds })
import-sheet-skipped = { $name }: lembar `{ $sheet }` tidak berisi tabel prosedur maupun label identitas; dilewati
import-identity-alone = { $name }: lembar `{ $sheet }` berisi identitas tetapi tidak diikuti tabel prosedur; dilewati
import-not-imported = tidak diambil: { $what }
import-more-left = dan { $count } sel lagi
import-renumbered = tabel menomori langkahnya { $numbers }; definisi menomorinya 1 sampai { $count } (langkah { $step } bernomor `{ $written }` di tabel)
import-symbol-vs-mark = langkah { $step }: simbolnya ada di kolom `{ $symbol }` tetapi sel ini menandai `{ $mark }`; yang dipakai simbolnya
import-marks-no-symbol = langkah { $step } tidak punya simbol dan ditandai untuk { $names }; yang dipakai `{ $used }`
import-no-mark = langkah { $step }: tidak ada tanda atau simbol di kolom pelaksana mana pun; diberikan kepada `{ $actor }`
import-decision-no-tidak = langkah { $step } ditandai sebagai keputusan tetapi Keterangan tidak menyebut langkah untuk "Tidak"; diambil sebagai proses
import-as-process = langkah { $step }: { $why }; diambil sebagai proses
import-decision-joint = langkah { $step } adalah keputusan yang ditandai untuk { $names }; yang memutuskan satu pelaksana, jadi yang dipakai `{ $used }`
import-branch-missing = sebuah cabang menuju langkah yang tidak ada
import-branch-self = sebuah cabang kembali ke keputusan itu sendiri
import-branch-same = dua cabang menuju langkah yang sama
import-branch-many = keputusan punya paling banyak empat cabang
import-second-symbol = langkah { $step } punya simbol kedua (`{ $shape }`) di kolom satu pelaksana; simbol itu tidak diambil
import-loose-arrow = panah (`{ $shape }`) yang tidak tersambung ke simbol mana pun
import-mulai-not-first = langkah { $step }: ada terminator Mulai di sampingnya, bukan di samping langkah 1; tidak diambil
import-joint-order = langkah { $step }: panah di antara simbol-simbolnya tidak melewati kolom satu per satu; diambil menurut urutan kolom
import-decision-arrows = langkah { $step }: keputusan ini punya { $count } panah keluar, bukan dua sampai empat; diambil sebagai proses
import-no-arrow-out = langkah { $step }: tidak ada panah keluar; dianggap berlanjut ke langkah { $next }
import-fork-cut = langkah { $step }: { $count } panah keluar, padahal percabangan paling banyak ke { $most } langkah: ditulis ke { $kept }; tambahkan panah ke { $cut } sendiri, lewat langkah lain
import-exits-cut = langkah { $step }: keputusannya punya { $count } cabang, padahal keputusan paling banyak { $most }: ditulis ke { $kept }; tambahkan cabang ke { $cut } sendiri, lewat langkah lain
import-connector-alone = konektor antarhalaman `{ $text }` tanpa pasangan
import-shape-outside = bentuk { $kind } (`{ $shape }`) di luar baris langkah dan kolom pelaksana
import-shape-text = bentuk bertuliskan `{ $text }`
import-exit-unlabelled = langkah { $step }: cabang keputusan ke langkah { $target } tidak berlabel; ditulis tanpa label (tambahkan bila lembar menyebutnya)
import-label-by-line = langkah { $step }: `{ $label }` ada di samping panah ke langkah { $target }, jauh dari keputusannya; diambil sebagai label cabang itu
import-parallel-selesai = langkah { $step } dikerjakan paralel, yang tidak boleh diberi terminator di sampingnya: Selesai yang tergambar di sini tidak diambil, langkah ini mengakhiri alur
import-parallel-mulai = langkah { $step } dikerjakan paralel, yang tidak boleh diberi terminator di sampingnya: Mulai yang tergambar di sini tidak diambil
workbook-unreadable = berkas tidak bisa dibaca: { $why }
workbook-bad-zip = berkas rusak: bukan paket zip yang bisa dibaca ({ $why })
workbook-word = ini dokumen Word, bukan lembar kerja; simpan tabel SOP sebagai .xlsx
workbook-zip = arsip zip yang tidak berisi buku kerja (bukan .xlsx atau .ods)
workbook-pdf = ini PDF, bukan lembar kerja (.xlsx, .xls atau .ods)
workbook-empty = berkas ini kosong
workbook-not-spreadsheet = bukan lembar kerja: yang dibaca buku kerja .xlsx, .xls atau .ods
sheet-unreadable = { $name }: lembar `{ $sheet }` tidak dapat dibaca ({ $why }); buka buku kerja itu di Excel atau LibreOffice lalu simpan ulang
measure-rows = templat pengukuran melaporkan { $rows } baris untuk { $steps } langkah
measure-rows-hint = templat measure.typ.j2 atau sopkit-lib.typ milik proyek harus melaporkan setiap baris
workbook-damaged = buku kerja rusak: { $why }
workbook-drawings = gambarnya tidak bisa dibaca ({ $why }); yang dipakai hanya tanda di sel
workbook-rows-cut = lembar `{ $sheet }`: baris setelah baris { $rows } tidak dibaca (SOP jauh lebih pendek)
workbook-cols-cut = lembar `{ $sheet }`: { $count } sel di kanan kolom { $cols } tidak dibaca
docx-too-big = berkas ini { $size } MB; sopkit membaca dokumen Word sampai { $most } MB
docx-damaged = dokumen Word ini rusak: { $why }
docx-no-document = bukan dokumen Word: paketnya tidak memuat word/document.xml
docx-table-name = tabel { $number }
docx-shapes-outside = { $count } bentuk yang ditambatkan di bawah tabel terakhir tidak dibaca: tambatkan setiap simbol diagram alir di sel tabelnya
docx-locked = .docx ini dilindungi kata sandi, atau berkas .doc yang diganti namanya: buka di Word, hapus kata sandinya (File > Info > Protect Document) lalu simpan sebagai Word Document (.docx)
docx-picture = lembar `{ $sheet }`: { $count } gambar membentang di beberapa baris dan kolom, diagram alir yang ditempel sebagai gambar atau hasil pindai: sopkit membaca bentuk yang digambar, bukan gambar; pelaksana tiap langkah diambil dari tanda di selnya, bila ada
import-no-actor-names = judul PELAKSANA tidak punya nama pelaksana di bawahnya (di baris berikutnya diharapkan satu subkolom untuk tiap pelaksana)
identity-no-day = tanggalnya tidak ada ({ $cell }): mohon diisi
identity-month-guessed = bulan `{ $written }` dibaca sebagai { $month }
identity-nomor-blank = nomornya masih kosong (`{ $blank }`, { $cell }): mohon diisi
identity-no-value = { $field } belum diisi

## Editor support.
schema-not-a-project = peringatan: { $dir } tidak berisi sopkit.toml; skema tetap ditulis, tetapi VS Code memakainya hanya bila folder proyek dibuka utuh (jalankan `sopkit schema` di folder yang berisi sopkit.toml)
schema-written = skema ditulis ke { $dir }; .vscode/settings.json Anda tidak diubah: tambahkan isian `yaml.schemas` seperti buatan `sopkit init`

## Command-line mistakes (clap's own words in English; these in Indonesian)
usage-unknown-argument = pilihan `{ $arg }` tidak dikenal
usage-unknown-command = tidak ada perintah `{ $command }`
usage-invalid-value = `{ $value }` bukan nilai yang dapat dipakai untuk { $arg } (pilihannya: { $valid })
usage-bad-value = `{ $value }` bukan nilai yang sah untuk { $arg }
usage-missing = { $arg } harus diisi
usage-conflict = { $arg } tidak dapat dipakai bersama { $other }
usage-no-command = sebutkan yang harus dikerjakan: perintah seperti `sopkit build`, `sopkit check` atau `sopkit init FOLDER`
usage-other = perintah tidak dapat dibaca: { $text }
usage-see-help = Lihat `sopkit --help` untuk daftar perintah, dan `sopkit PERINTAH --help` untuk pilihannya.

## The command line's help (Indonesian; English is the code's own).
help-template = {"{"}about-with-newline{"}"}
    Penggunaan: {"{"}usage{"}"}

    Perintah:
    {"{"}subcommands{"}"}

    Opsi:
    {"{"}options{"}"}
help-template-command = {"{"}about-with-newline{"}"}
    Penggunaan: {"{"}usage{"}"}

    Argumen:
    {"{"}positionals{"}"}

    Opsi:
    {"{"}options{"}"}
help-cmd-sopkit = SOP instansi pemerintah menjadi PDF resmi yang siap ditandatangani
help-cmd-init = Buat proyek SOP baru yang langsung bisa dibuat PDF-nya
help-cmd-check = Periksa proyek; keluar dengan kode 1 dan kesalahan berlokasi berkas:baris:kolom
help-cmd-build = Buat lembar SOP (dan dokumen lainnya) menjadi PDF
help-cmd-watch = Buat PDF, lalu buat ulang yang berubah setiap kali berkas proyek disimpan
help-cmd-laporan = Buat laporan per pelaksanaan dari catatan pelaksanaan
help-cmd-monev = Buat formulir monitoring dan evaluasi, berita acara dan rekapitulasinya dari catatan monev
help-cmd-import = Ubah SOP lama (buku kerja .xlsx/.xls/.ods, dokumen Word .docx, lembar PDF), atau semua yang ada di satu folder, menjadi definisi
help-cmd-templates = Salin templat bawaan ke folder templates/ proyek untuk disunting
help-cmd-schema = Tulis JSON Schema berkas-berkas proyek, untuk pelengkapan dan pemeriksaan di penyunting
help-arg-help = Tampilkan bantuan
help-arg-version = Tampilkan versi
help-arg-bahasa = Bahasa pesan: id (Bahasa Indonesia) atau en; bawaan: menurut lokal (LC_ALL, LC_MESSAGES, LANG)
help-arg-project = Folder proyek (bawaan: folder saat ini)
help-arg-dir = Folder proyek baru (dibuat; harus kosong atau belum ada)
help-arg-out = Folder keluaran (bawaan: output/<nama folder proyek>/)
help-arg-emit_typst = Tulis juga sumber Typst di samping setiap PDF (x.typ di samping x.pdf)
help-arg-sign_fields = Tambahkan kolom tanda tangan kosong (AcroForm /FT /Sig) di atas setiap kotak tanda tangan
help-arg-no_pdfa = Tulis PDF biasa, bukan PDF/A-2b
help-arg-jobs = Jumlah pekerjaan paralel (bawaan: semua inti)
help-arg-only = Buat hanya SOP ini: alamatnya di bawah sops/ tanpa ekstensi (boleh berulang)
help-arg-deny_warnings = Anggap peringatan sebagai kesalahan
help-arg-interval = Seberapa sering memeriksa perubahan, dalam milidetik
help-arg-runs = Catatan pelaksanaan: .yaml/.toml (satu pelaksanaan per berkas), .xlsx/.xls/.ods (satu per baris), atau foldernya
help-arg-paths = [PROYEK] [CATATAN...]: folder proyek (bawaan: folder yang memuat catatannya, atau folder saat ini), lalu catatan monev: .yaml/.toml atau .xlsx/.xls/.ods (satu catatan per berkas), atau foldernya (bawaan: PROYEK/monev/)
help-arg-files = Buku kerja lama (.xlsx, .xls, .ods), dokumen Word (.docx) dan lembar PDF, atau folder berisinya (beserta subfoldernya)
help-arg-force = Timpa berkas yang sudah ada

## The environment.
io-cannot-read = tidak bisa membaca
io-cannot-write = tidak bisa menulis
io-cannot-create = tidak bisa membuat
io-cannot-create-in = tidak bisa membuat berkas di
io-cannot-remove = tidak bisa menghapus
io-cannot-open = tidak bisa membuka
io-cannot-open-project = tidak bisa membuka folder proyek
io-cannot-read-font = tidak bisa membaca huruf
init-not-empty = { $dir } tidak kosong; sopkit init memerlukan folder baru atau kosong
templates-exists = { $file } sudah ada; pakai --force untuk menimpanya
spreadsheet-no-sheet = { $name }: tidak ada lembar `{ $sheet }` (lembar yang ada: { $sheets })
record-no-runs-at-all = { $name }: tidak ada pelaksanaan: tidak ada lembar berjudul kolom SOP, Nomor, Tanggal (satu pelaksanaan per baris), dan tidak ada lembar formulir berlabel SOP, Nomor dan Tanggal (satu pelaksanaan per lembar)
env-epoch = SOURCE_DATE_EPOCH harus berupa jumlah detik, bukan `{ $text }`
env-epoch-range = SOURCE_DATE_EPOCH di luar jangkauan
book-bind = buku SOP tidak bisa dijilid: { $why }
build-sign-fields = { $path }: kolom tanda tangan tidak bisa ditambahkan: { $why }
import-summary = lembar `{ $sheet }`: { $sop }: { $steps } langkah, { $actors } pelaksana, { $decisions } keputusan dari { $how }; identitas { $found }/13 isian; { $left } sel tidak diambil
import-from-shapes = bentuk yang digambar
import-signer-from = Disahkan oleh diambil dari tanda tangan di { $at }
import-name-from-title = tidak ada label "Nama SOP": judul `{ $nama }` diambil sebagai nama SOP
import-header-from = Diambil dengan `sopkit import` dari { $file } (lembar { $sheets }).
import-header-kop = Kop di lembar: { $kop }
import-header-unit = (baris kop diatur per unit di sopkit.toml; isi `unit:` dengan unit yang cocok)
import-from-marks = tanda di sel
import-no-name = (tanpa nama)
workbook-password = buku kerja ini berkata sandi; buka di Excel, hapus kata sandinya (File > Info > Protect Workbook), simpan, lalu pakai salinan yang disimpan
workbook-many-shapes = lembar `{ $sheet }`: gambarnya berisi { $count } bentuk (bagan alir paling banyak beberapa ratus); yang dipakai hanya tanda di sel
workbook-too-big = berkas ini { $size } MB; sopkit membaca lembar kerja sampai { $most } MB
workbook-repeated-cells = isinya lebih dari { $most } sel
spreadsheet-too-large = nilai-nilai lembar ini membentang { $range } ({ $rows } baris kali { $cols } kolom), lebih dari { $most } sel yang dibaca sopkit dari satu lembar; nilai inilah yang paling jauh
spreadsheet-too-large-hint = hapus nilai-nilai liar yang jauh dari tabel (di Excel, Ctrl+End menuju sel terakhir yang terpakai), simpan buku kerja lalu coba lagi
spreadsheet-declared-range = lembar `{ $sheet }` menyatakan rentang terpakai lebih dari { $most } sel; berkas rusak
build-book-not-made = buku-sop.pdf tidak dibuat ulang karena { $count } SOP masih punya kesalahan: buku harus memuat semua SOP; berkas sebelumnya, bila ada, tetap disimpan

# penerbitan (sopkit terbit), issue 21
help-cmd-terbit = Terbitkan dokumen yang sudah dibuat: catat setiap versi baru di daftar terbitan proyek (terbitan.toml) dan arsipkan PDF-nya
help-arg-tanggal = Tanggal terbit, TTTT-BB-HH (bawaan: SOURCE_DATE_EPOCH, atau hari ini)
terbit-issued = terbit: { $path } versi { $version } (id verifikasi { $id })
terbit-unchanged = tetap: { $path } adalah versi { $version } yang sudah terbit
terbit-summary = { $issued } dokumen diterbitkan, { $unchanged } tidak berubah; daftar terbitan ada di terbitan.toml, PDF yang terbit disimpan di arsip/
terbit-nothing = tidak ada yang diterbitkan: perbaiki kesalahan di atas, lalu jalankan `sopkit terbit` lagi
terbit-changed = { $path } berubah setelah dibuat: tidak diterbitkan; jalankan `sopkit terbit` lagi
terbit-monev-stale = { $path } tidak sesuai dengan { $record } yang sekarang (diubah sesudah `sopkit monev` membuatnya, atau dibuat dari catatan lain): tidak ada yang diterbitkan; jalankan `sopkit monev` lagi, lalu `sopkit terbit`
terbit-archive-differs = { $path } sudah berisi PDF lain: versi yang sudah terbit tidak pernah ditimpa; pindahkan hanya jika itu bukan dokumen yang terbit
terbit-ledger-changed = { $path } tidak dapat dibaca ({ $why }); tidak ada yang diterbitkan
ledger-bad-id = `{ $id }` bukan id verifikasi: id terdiri dari 16 huruf a-f dan angka, seperti yang ditulis sopkit terbit
ledger-bad-hash = `{ $hash }` bukan SHA-256 (64 huruf a-f dan angka)
ledger-version-gap = versi { $version } dari { $id } menyusul versi { $previous }: versi dinomori 1, 2, 3... tanpa loncatan
ledger-no-length = panjang PDF dalam bita tidak ada (bita)
ledger-other-kind = { $id } adalah id dokumen jenis lain pada versi sebelumnya
ledger-other-document = { $id } adalah id dokumen lain: versi ini tidak sama berkas maupun nomornya dengan versi sebelumnya
ledger-hash-twice = PDF ini (sha256-nya) sudah terbit sebagai dokumen { $other }: satu PDF adalah satu dokumen
ledger-archive-missing = { $path } tidak ada atau bukan PDF yang terbit: portal tidak dapat menyediakan versi ini (verifikasinya tetap berjalan)
ledger-archive-missing-hint = pulihkan folder arsip/ dari kontrol versi atau cadangan
ledger-edited-hint = terbitan.toml ditulis oleh sopkit terbit; pulihkan dari kontrol versi (git checkout terbitan.toml) daripada menyuntingnya
build-draft = { $path } berbeda dari versi { $version } yang terbit: masih draf sampai diterbitkan dengan `sopkit terbit`

## Messages of the environment, PDFs and templates.
working-not-a-time = `{ $text }` bukan jam (JJ:MM)
working-day-backwards = jam kerja harus berakhir setelah dimulai
working-not-a-day = `{ $day }` bukan nama hari (senin, selasa, rabu, kamis, jumat, sabtu, minggu)
working-no-day = perlu sedikitnya satu hari kerja
workers-cannot-start = tidak dapat memulai thread pekerja: { $why }
pdf-unreadable = PDF tidak dapat dibaca: { $why }
pdf-cannot-write = PDF tidak dapat ditulis: { $why }
cache-cannot-write = cache tidak dapat ditulis: { $why }
manifest-cannot-write = manifest tidak dapat ditulis: { $why }
bind-part-unreadable = sebuah bagian bukan PDF yang dapat dibaca: { $why }
bind-cannot-write = buku tidak dapat ditulis: { $why }
load-cannot-list = { $dir } tidak dapat dibaca: { $why }
template-unreadable = { $path } tidak dapat dibaca: { $why }
template-error = kesalahan templat: { $kind }
template-error-detail = kesalahan templat: { $kind }: { $detail }
pdf-standard = PDF/A-2b: { $why }
pdf-export = ekspor PDF: { $why }
record-no-tanggal = tanggal tidak diisi
spreadsheet-no-nomor = nomor SOP tidak diisi
tte-too-few-markers = { $file }.pdf punya { $signers } penanda tangan ({ $roles }) tetapi hanya { $markers } penanda yang diberikan
tte-too-few-markers-hint = beri satu penanda untuk tiap penanda tangan, mis. penanda = ["#", "$", "&", "@"]
compile-font-hint = fon yang tertanam: { $fonts }; tambahkan fon lain dengan `fonts_dir` di sopkit.toml

# validate/import messages (issue 21)
import-kind-terminator = terminator
import-kind-process = proses
import-kind-decision = keputusan
import-kind-picture = gambar
import-unnamed-shape-outside = bentuk (`{ $shape }`) di luar baris langkah dan kolom pelaksana
portal-template = templat portal tidak dapat dibuat: { $why }
sop-step-no-actor-hint = tulis `pelaksana: <id pelaksana>`, atau daftarkan simbol baris ini di bawah `simbol:`
sop-exit-no-label-hint = hapus `label` bila di lembar SOP tidak ada tulisan di samping cabang itu
sop-exit-target-twice = cabang ini sudah menuju langkah itu
sop-nomor-empty = `nomor` kosong: tulis nomor yang tercetak di kolom No (3, 2a, 3.1)
sop-nomor-twice = nomor { $nomor } tercetak pada dua langkah
sop-simbol-empty = `simbol` tidak berisi satu simbol pun
sop-simbol-lane-twice = pelaksana `{ $id }` punya dua simbol di baris ini
sop-simbol-lane-twice-hint = satu baris memuat satu simbol per kolom pelaksana; tindakan kedua pelaksana yang sama menjadi langkah tersendiri
sop-link-crosses = panah sepanjang baris ini akan memotong simbol `{ $id }`
sop-link-crosses-hint = panah sepanjang baris menghubungkan simbol yang bersebelahan: arahkan ke yang lebih dekat, atau ke langkah berikutnya
sop-link-twice = kedua simbol ini sudah dihubungkan oleh satu panah
sop-link-twice-hint = untuk pekerjaan bolak-balik tulis `panah: dua` pada salah satunya
sop-simbol-no-entry = setiap simbol baris ini dituju oleh simbol lain: alur tidak punya jalan masuk
sop-simbol-no-entry-hint = alur masuk lewat simbol yang tidak dituju oleh simbol lain di baris yang sama
sop-simbol-step-key = bila memakai `simbol`, `{ $key }` ditulis pada simbolnya, bukan pada langkah
sop-simbol-step-key-hint = pindahkan ke butir `simbol:` yang sesuai (`selesai: true` menjadi `jenis: selesai`)
sop-simbol-decision-no-exits = simbol `jenis: keputusan` memerlukan cabang-cabangnya di bawah `keputusan:`
sop-simbol-not-decision = simbol `{ $jenis }` tidak punya cabang: hanya keputusan yang memakai `keputusan`
sop-simbol-dead-end = alur berhenti di simbol ini: ini simbol terakhir prosedur
sop-simbol-dead-end-hint = beri `jenis: selesai`, atau `lanjut` ke tempat pekerjaan berlanjut
sop-keterangan-step = Keterangan menyebut langkah { $step }, yang tidak tercetak di lembar ini
sop-keterangan-step-hint = nomor langkah yang tercetak: { $numbers }
sop-stacked-on-box = terminator hanya dapat ditumpuk dengan kotak
sop-stacked-on-box-hint = hapus `jenis` (kotak), atau tulis terminatornya sebagai simbol tersendiri dengan `jenis: mulai` atau `jenis: selesai`
sop-stacked-twice = hanya satu simbol dalam satu baris yang boleh memakai `{ $key }`
sheet-teks-too-long = teks “{ $teks }” tidak muat di simbolnya bahkan pada ukuran terkecil (4 pt)
sheet-teks-too-long-hint = persingkat teksnya (kini tercetak melewati garis simbol), atau beri kolom pelaksana ruang lebih: lebih sedikit pelaksana, atau kertas lebih lebar
sop-panah-unused = `panah` tidak menggambar apa pun di sini: tidak ada panah sepanjang baris yang keluar dari simbol ini
sop-panah-unused-hint = `panah` mengatur kepala panah ke simbol berikutnya di baris ini; hapus, atau taruh pada simbol asal panah itu
sop-number-quote = nomor langkah bertitik ditulis dalam tanda kutip, persis seperti tercetak, misalnya `"3.1"` (yang ini terbaca { $number }: tanpa kutip, 3.1 dan 3.10 terbaca sama)
check-ok-only = ok: { $sops } sudah benar (hanya SOP yang disebut pada --only yang diperiksa)
yaml-key-shifted = `{ $key }` menjorok { $spaces } spasi lebih ke kanan daripada `{ $above }` di atasnya
yaml-key-shifted-hint = kunci-kunci dalam satu butir dimulai pada kolom yang sama: geser `{ $key }` { $spaces } spasi ke kiri, tepat di bawah `{ $above }`
yaml-no-colon = baris ini tidak punya `:` di antara kunci dan isinya
yaml-no-colon-hint = tulis sebagai { $key }: { $value }
yaml-no-colon-alone = tulis `{ $key }:` dengan isinya sesudah titik dua, atau hapus baris ini
sop-nomor-back = langkah { $nomor } berada sesudah langkah { $previous }: nomornya mundur

## Jabatan, Dasar Hukum dan revisi bersama (sopkit.toml).
shared-position-twice = `{ $key }` tertulis di [jabatan] dan di [officials]: satu kunci untuk satu jabatan
shared-position-empty = jabatan `{ $key }` belum punya nama jabatan untuk dicetak
shared-law-empty = Dasar Hukum `{ $key }` belum ada teksnya
shared-lane-unknown = kolom `{ $id }` tidak punya nama, dan sopkit.toml tidak punya jabatan `{ $id }`
shared-lane-as-written = `{ $label }` tampak seperti kunci jabatan, tetapi sopkit.toml tidak punya jabatan itu: lembar SOP mencetaknya apa adanya
shared-law-as-written = `{ $item }` tampak seperti kunci [dasar_hukum], tetapi sopkit.toml tidak memilikinya: lembar SOP mencetaknya apa adanya
shared-signer-unknown = sopkit.toml tidak punya pejabat atau jabatan `{ $key }`
shared-signer-no-holder = jabatan `{ $key }` belum menyebut siapa pemangkunya yang menandatangani
shared-signer-no-holder-hint = tambahkan `nama` (dan `nip`) di bawah [jabatan.{ $key }] dalam sopkit.toml
shared-revision-selects-nothing = revisi ini belum menyebut SOP mana yang diubahnya
shared-revision-selects-nothing-hint = tambahkan jabatan, dasar_hukum, unit atau sop (kuncinya), atau `semua = true` untuk semua SOP
shared-revision-unknown = { $selector } `{ $key }` tidak ada di proyek ini
shared-revision-touches-none = revisi ini tidak mengenai satu SOP pun
shared-revision-touches-none-hint = SOP yang dipilihnya dibuat sesudah tanggal revisi ini, atau tidak ada yang memakai yang disebutnya
check-shared-revision = catatan: revisi { $place } ({ $tanggal }, "{ $perubahan }") mengenai { $count } SOP: { $sops }
migrate-fix-first = satukan hanya menulis ulang proyek tanpa kesalahan: perbaiki dulu yang di atas
migrate-nothing = tidak ada jabatan atau Dasar Hukum yang berulang di antara definisi: tidak ada yang perlu disatukan
migrate-position = jabatan `{ $key }` = "{ $jabatan }" (dipakai { $count } SOP)
migrate-law = Dasar Hukum `{ $key }` = "{ $text }" (dikutip { $count } SOP)
migrate-tried = --coba: tidak ada yang ditulis ({ $files } berkas akan berubah)
migrate-written = ditulis: { $files } berkas; setiap SOP tercetak sama seperti sebelumnya
migrate-would-break = tidak ada yang ditulis: proyek hasil tulis ulang tidak akan terbaca ({ $what })
migrate-would-change = tidak ada yang ditulis: { $file } akan tercetak berbeda sesudah ditulis ulang
migrate-table-inline = sopkit.toml menulis [{ $table }] dalam satu baris: tulis sebagai tabel agar bisa ditambah
migrate-comment-positions = Jabatan yang dipakai bersama oleh beberapa SOP: definisi menyebutnya dengan kuncinya (ditulis oleh `sopkit satukan`).
migrate-comment-laws = Dasar Hukum yang dikutip beberapa SOP: definisi menyebutnya dengan kuncinya (ditulis oleh `sopkit satukan`).
help-cmd-satukan = Satukan jabatan dan Dasar Hukum yang berulang: tulis sekali di sopkit.toml, definisi menyebut kuncinya
help-arg-coba = Tampilkan yang akan berubah, tanpa menulis apa pun
shared-former-name = teks ini masih menyebut "{ $former }", nama lama jabatan `{ $key }` (sekarang "{ $jabatan }")
shared-former-name-hint = tulis "{ $jabatan }" di sini: sopkit.toml mengganti nama kolom dan penanda tangan, bukan kalimat SOP itu sendiri
pdf-encrypted = { $name }: PDF dilindungi kata sandi; simpan salinan tanpa kata sandi lalu impor salinan itu
pdf-page-scan = halaman { $page } hanya berupa gambar (pindaian atau gambar tempel): tidak ada teks atau gambar vektor yang bisa dibaca; ketik isinya, atau impor dokumen asalnya
pdf-page-picture = halaman { $page } tidak berisi gambar vektor, hanya gambar dengan teks di atasnya: teks tabelnya dibaca, bagan alirnya tidak
pdf-page-flowchart-picture = halaman { $page }: bagan alirnya berupa gambar yang ditempel di atas tabel: teks tabelnya dibaca, simbol dan panahnya tidak
pdf-sheet-page = halaman { $page }
pdf-sheet-pages = halaman { $first }-{ $last }
pdf-shape = bentuk
monev-no-record = catatan monev `{ $path }` tidak ditemukan
monev-no-records = tidak ada catatan monev: simpan di folder { $dir }/ (.yaml, .toml atau .xlsx) atau sebutkan pada perintah
monev-same-output = { $first } dan { $second } sama-sama membuat dokumen `{ $stem }`: ganti nama salah satunya
monev-unknown-unit = unit `{ $unit }` tidak ada di sopkit.toml
monev-units = unit yang ada: { $units }
monev-periode-reversed = periode berakhir ({ $sampai }) sebelum dimulai ({ $mulai })
monev-no-penilai = catatan monev menyebutkan tim penilainya pada `penilai`
monev-penilai-incomplete = penilai memerlukan `pejabat` (pejabat di sopkit.toml) atau `nama`
monev-officials = pejabat yang ada: { $officials }
monev-no-sop = SOP `{ $sop }` tidak ada di proyek (tulis nomornya atau path-nya di bawah sops/)
monev-sops-of-unit = SOP unit ini: { $sops }
monev-sop-other-unit = SOP `{ $sop }` milik unit `{ $its }`, bukan `{ $unit }`: pindahkan ke catatan unit tersebut
monev-sop-twice = SOP `{ $sop }` tercantum dua kali
monev-unknown-criterion = `{ $key }` bukan kriteria evaluasi di [monev] kriteria
monev-criteria = kriteria yang ada: { $keys }
monev-answer = `{ $text }` bukan jawaban untuk { $key }: tulis ya atau tidak
monev-missing-criteria = evaluasi `{ $sop }` belum menjawab: { $keys } (isi ya atau tidak untuk masing-masing)
monev-sheet-no-table = { $name }: tidak ada lembar dengan tabel berjudul kolom Nomor SOP (atau Prosedur) beserta Penilaian atau kriteria evaluasi
monev-sheet-no-sop = baris ini tidak menyebutkan SOP: isi nomornya
monev-sheet-penilaian = `{ $text }` bukan penilaian: isi "Berjalan dengan baik" atau "Tidak berjalan dengan baik"
monev-sheet-jawaban = `{ $text }` bukan jawaban: isi Ya atau Tidak
monev-sheet-no-label = tidak ada sel berlabel { $label } di atas tabel (atau di lembar bernama identitas)
monev-sheet-periode = `{ $text }` bukan periode: tulis misalnya 2024-01-01 s.d. 2024-06-30
