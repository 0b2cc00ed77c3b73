// sopkit portal: search and filters on the index, zoom of the flowchart,
// and the check of a PDF against its verification page. No network:
// the index is a script (aset/indeks.js), so it works from file:// too.
(function () {
  "use strict";

  // ---------------------------------------------------------------- words
  function fold(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function tokens(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(function (t) { return t.length > 0; });
  }
  // Indonesian affixes, so "verifikasi" finds "memverifikasi" and
  // "pengaduan" finds "aduan": the root of a word, roughly.
  var PREFIXES = ["memper", "meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen", "per", "pe", "ber", "ter", "di", "ke", "se"];
  var SUFFIXES = ["kannya", "annya", "kan", "nya", "an", "i"];
  function root(word) {
    var w = word;
    for (var i = 0; i < SUFFIXES.length; i++) {
      var s = SUFFIXES[i];
      if (w.length > s.length + 3 && w.slice(-s.length) === s) { w = w.slice(0, -s.length); break; }
    }
    for (var j = 0; j < PREFIXES.length; j++) {
      var p = PREFIXES[j];
      if (w.length > p.length + 3 && w.slice(0, p.length) === p) { w = w.slice(p.length); break; }
    }
    return w;
  }
  // Edit distance, stopping early once it exceeds `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev = [], cur = [], i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (cur[j] < best) best = cur[j];
      }
      if (best > limit) return limit + 1;
      prev = cur;
    }
    return prev[b.length];
  }
  // How well a word of the text answers a word of the query: 1 the same,
  // less for a prefix, the same root, a typo; 0 not at all.
  function likeness(query, word) {
    if (query === word) return 1;
    if (query.length >= 3 && word.indexOf(query) === 0) return 0.8;
    var a = root(query), b = root(word);
    if (a.length >= 4 && a === b) return 0.7;
    // A typo: one letter in a word of four to seven letters, two in a
    // longer one, judged on the shorter of the two words, so that a long
    // query never matches a short word ("keamanan" is not "dan").
    var shorter = Math.min(query.length, word.length);
    var limit = shorter >= 8 ? 2 : shorter >= 4 ? 1 : 0;
    if (limit > 0 && distance(query, word, limit) <= limit) return 0.5;
    return 0;
  }
  // Words every SOP shares, left out of a query that has others.
  var STOP = ["sop", "standar", "operasional", "prosedur", "dan", "di", "ke", "dari", "yang", "untuk", "pada", "dengan"];

  // ---------------------------------------------------------------- index
  var FIELDS = [["nama", 5], ["nomor", 5], ["berkas", 3], ["pelaksana", 2], ["langkah", 2], ["teks", 1], ["dasar_hukum", 1], ["keterangan", 1]];
  function Index(records) {
    this.records = records;
    // word -> [[record, field weight, field, text index], ...]
    this.words = new Map();
    for (var r = 0; r < records.length; r++) {
      for (var f = 0; f < FIELDS.length; f++) {
        var name = FIELDS[f][0], value = records[r][name];
        var texts = Array.isArray(value) ? value : [value];
        for (var t = 0; t < texts.length; t++) {
          var seen = tokens(texts[t]);
          for (var k = 0; k < seen.length; k++) {
            var list = this.words.get(seen[k]);
            if (!list) { list = []; this.words.set(seen[k], list); }
            list.push([r, FIELDS[f][1], name, t]);
          }
        }
      }
    }
    this.vocabulary = Array.from(this.words.keys());
  }
  // Records that answer every word of the query, best first; each with the
  // words that matched (to highlight) and its best text.
  Index.prototype.search = function (query) {
    var wanted = tokens(query);
    var kept = wanted.filter(function (w) { return STOP.indexOf(w) < 0; });
    if (kept.length > 0) wanted = kept;
    if (wanted.length === 0) return [];
    var scores = new Map();
    for (var q = 0; q < wanted.length; q++) {
      var best = new Map(); // record -> [score, matched word, field, text]
      for (var v = 0; v < this.vocabulary.length; v++) {
        var word = this.vocabulary[v], like = likeness(wanted[q], word);
        if (like === 0) continue;
        var hits = this.words.get(word);
        for (var h = 0; h < hits.length; h++) {
          var hit = hits[h], score = like * hit[1];
          var old = best.get(hit[0]);
          if (!old || old[0] < score) best.set(hit[0], [score, word, hit[2], hit[3]]);
        }
      }
      best.forEach(function (found, record) {
        var entry = scores.get(record) || { score: 0, count: 0, words: [], where: null };
        entry.score += found[0];
        entry.count += 1;
        entry.words.push(found[1]);
        if (!entry.where || found[0] > entry.where[0]) entry.where = found;
        scores.set(record, entry);
      });
    }
    var self = this, out = [];
    scores.forEach(function (entry, record) {
      if (entry.count === wanted.length) out.push({ record: self.records[record], score: entry.score, words: entry.words, where: entry.where });
    });
    out.sort(function (a, b) { return b.score - a.score || a.record.nama.localeCompare(b.record.nama); });
    return out;
  };

  // Text with the matched words in <mark>, built as nodes (never as HTML).
  function marked(parent, text, words) {
    var parts = String(text).split(/([^A-Za-z0-9\u00C0-\u024F]+)/);
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i];
      if (part && words.indexOf(fold(part)) >= 0) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        parent.appendChild(mark);
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    }
  }

  // The search index is loaded on the first search only: the list and its
  // filters need none, and a phone should not fetch it for nothing.
  // An SOP past its `berlaku_sampai` on the day it is read is kedaluwarsa,
  // whenever the portal was built.
  var TODAY = new Date().toISOString().slice(0, 10);
  function expire() {
    var cards = document.querySelectorAll(".kartu[data-sampai]");
    for (var i = 0; i < cards.length; i++) {
      if (cards[i].dataset.sampai < TODAY && cards[i].dataset.status !== "kedaluwarsa") {
        cards[i].dataset.status = "kedaluwarsa";
        var badge = cards[i].querySelector(".status");
        badge.className = "status status-kedaluwarsa";
        badge.textContent = "Kedaluwarsa";
      }
    }
  }

  function setUpSearch() {
    var input = document.getElementById("kueri");
    if (!input) return;
    expire();
    var index = null, waiting = null;
    // Calls `then` once the index is there; what was typed meanwhile is
    // searched when it arrives.
    function withIndex(then) {
      if (index) return then();
      if (waiting) { waiting.push(then); return; }
      waiting = [then];
      var script = document.createElement("script");
      script.src = "aset/indeks.js";
      script.onload = function () {
        var records = window.SOPKIT_INDEKS || [];
        records.forEach(function (r) { if (r.sampai && r.sampai < TODAY) r.status = "kedaluwarsa"; });
        index = new Index(records);
        var calls = waiting;
        waiting = null;
        calls.forEach(function (call) { call(); });
      };
      document.head.appendChild(script);
    }
    var list = document.getElementById("daftar"), results = document.getElementById("hasil");
    var count = document.getElementById("jumlah");
    var unit = document.getElementById("saring-unit"), status = document.getElementById("saring-status");
    var year = document.getElementById("saring-tahun");
    function passes(record) {
      return (!unit.value || record.unit === unit.value) && (!status.value || record.status === status.value) &&
        (!year.value || String(record.tahun) === year.value);
    }
    function update() {
      var query = input.value.trim();
      if (!query) {
        results.hidden = true;
        list.hidden = false;
        var shown = 0;
        var cards = list.querySelectorAll(".kartu");
        for (var i = 0; i < cards.length; i++) {
          var card = cards[i];
          var ok = passes({ unit: card.dataset.unit, status: card.dataset.status, tahun: card.dataset.tahun });
          card.hidden = !ok;
          if (ok) shown++;
        }
        var sections = list.querySelectorAll(".unit");
        for (var s = 0; s < sections.length; s++) sections[s].hidden = !sections[s].querySelector(".kartu:not([hidden])");
        count.textContent = shown === 0 ? "Tidak ada SOP dengan saringan ini; pilih \u201cSemua\u201d untuk melihat semuanya." : shown + " SOP ditampilkan";
        return;
      }
      if (!index) return withIndex(update);
      var found = index.search(query).filter(function (f) { return passes(f.record); });
      list.hidden = true;
      results.hidden = false;
      results.textContent = "";
      for (var k = 0; k < found.length; k++) {
        var f = found[k], item = document.createElement("li"), link = document.createElement("a");
        item.className = "kartu";
        link.href = f.record.url;
        var name = document.createElement("span");
        name.className = "nama";
        marked(name, f.record.nama, f.words);
        link.appendChild(name);
        item.appendChild(link);
        var nomor = document.createElement("span");
        nomor.className = "nomor";
        marked(nomor, f.record.nomor, f.words);
        item.appendChild(nomor);
        var where = f.where, field = where[2];
        if (field !== "nama" && field !== "nomor") {
          var value = f.record[field], text = Array.isArray(value) ? value[where[3]] : value;
          var snippet = document.createElement("span");
          snippet.className = "cuplikan";
          marked(snippet, text, f.words);
          item.appendChild(snippet);
        }
        var badge = document.createElement("span");
        badge.className = "status status-" + f.record.status;
        badge.textContent = f.record.status.charAt(0).toUpperCase() + f.record.status.slice(1);
        item.appendChild(badge);
        results.appendChild(item);
      }
      count.textContent = found.length === 0 ? "Tidak ada SOP yang cocok dengan \u201c" + query + "\u201d" : found.length + " SOP cocok";
    }
    input.addEventListener("input", update);
    input.addEventListener("focus", function () { withIndex(update); });
    [unit, status, year].forEach(function (select) { select.addEventListener("change", update); });
    var asked = new URLSearchParams(location.search).get("q");
    if (asked) input.value = asked;
    update();
    // For the benchmark: the index's answer to a query, once loaded.
    window.sopkitSearch = function (query) {
      return index ? index.search(query).map(function (f) { return f.record.url; }) : null;
    };
    window.sopkitLoadIndex = function (then) { withIndex(then); };
  }

  // ---------------------------------------------------------------- zoom
  function setUpZoom() {
    var pages = document.getElementById("bagan-halaman");
    if (!pages) return;
    var level = 1;
    var buttons = document.querySelectorAll("[data-zoom]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (event) {
        var step = Number(event.currentTarget.dataset.zoom);
        level = step === 0 ? 1 : Math.min(4, Math.max(0.5, level + step * 0.5));
        pages.style.setProperty("--zoom", level);
        pages.classList.toggle("diperbesar", level > 1);
        var reset = document.querySelector("[data-zoom='0']");
        reset.textContent = Math.round(level * 100) + "%";
        reset.setAttribute("aria-label", "Perbesaran " + Math.round(level * 100) + " persen; kembali ke 100%");
      });
    }
  }

  // ---------------------------------------------------------------- verify
  // SHA-256 in plain JavaScript: crypto.subtle is missing on some file://
  // and http:// pages.
  function sha256(bytes) {
    var K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];
    var H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var length = bytes.length, padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    var view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
    view.setUint32(padded.length - 4, (length << 3) >>> 0);
    var w = new Uint32Array(64);
    for (var off = 0; off < padded.length; off += 64) {
      for (var t = 0; t < 16; t++) w[t] = view.getUint32(off + t * 4);
      for (t = 16; t < 64; t++) {
        var a0 = w[t - 15], a1 = w[t - 2];
        var s0 = ((a0 >>> 7) | (a0 << 25)) ^ ((a0 >>> 18) | (a0 << 14)) ^ (a0 >>> 3);
        var s1 = ((a1 >>> 17) | (a1 << 15)) ^ ((a1 >>> 19) | (a1 << 13)) ^ (a1 >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) >>> 0;
      }
      var a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
      for (t = 0; t < 64; t++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var ch = (e & f) ^ (~e & g);
        var t1 = (h + S1 + ch + K[t] + w[t]) >>> 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var maj = (a & b) ^ (a & c) ^ (b & c);
        var t2 = (S0 + maj) >>> 0;
        h = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
      }
      H[0] = (H[0] + a) >>> 0; H[1] = (H[1] + b) >>> 0; H[2] = (H[2] + c) >>> 0; H[3] = (H[3] + d) >>> 0;
      H[4] = (H[4] + e) >>> 0; H[5] = (H[5] + f) >>> 0; H[6] = (H[6] + g) >>> 0; H[7] = (H[7] + h) >>> 0;
    }
    return H.map(function (x) { return ("00000000" + x.toString(16)).slice(-8); }).join("");
  }

  function setUpVerification() {
    var input = document.getElementById("berkas"), official = document.getElementById("sha-resmi");
    if (!input || !official) return;
    var answer = document.getElementById("hasil-periksa");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      answer.textContent = "Menghitung sidik jari…";
      var reader = new FileReader();
      reader.onload = function () {
        var bytes = new Uint8Array(reader.result);
        var expected = official.textContent.trim();
        var length = Number(official.dataset.panjang || 0);
        var digest = sha256(bytes);
        // A signature (TTE) is appended to the PDF as an incremental
        // update: the signed file begins with the official bytes.
        var signed = digest !== expected && length > 0 && bytes.length > length && sha256(bytes.subarray(0, length)) === expected;
        answer.className = digest === expected || signed ? "cocok" : "tidak-cocok";
        answer.textContent = digest === expected
          ? "Cocok: berkas ini adalah dokumen resmi ini (SHA-256 " + digest + ")."
          : signed
            ? "Cocok: berkas ini adalah dokumen resmi ini dengan tambahan di akhirnya (tanda tangan elektronik); isi dokumennya tidak berubah."
            : "Tidak cocok: berkas ini BUKAN dokumen resmi ini, atau telah diubah (SHA-256 " + digest + ").";
      };
      reader.readAsArrayBuffer(file);
    });
    window.sopkitSha256 = sha256;
  }

  setUpSearch();
  setUpZoom();
  setUpVerification();
})();
