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
  // The root of an Indonesian word: the rules of src/publish/stem.rs (see
  // there), for a query word the corpus does not hold ("menguji" when the
  // SOPs say "pengujian"), with the corpus's roots as the list of roots.
  function isVowel(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u"; }
  function isConsonant(c) { return !!c && !isVowel(c); }
  function prefixFirst(w) {
    function ends(p, s) { return w.slice(0, p.length) === p && w.slice(-s.length) === s; }
    return ends("be", "lah") || ends("be", "an") || ends("me", "i") || ends("di", "i") || ends("pe", "i") || ends("ter", "i");
  }
  function stripEnd(w, list) {
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      if (w.slice(-s.length) === s && w.length - s.length >= 3) return w.slice(0, -s.length);
    }
    return null;
  }
  function inflections(w) {
    var stages = [], particle = stripEnd(w, ["lah", "kah", "tah", "pun"]);
    if (particle) { w = particle; stages.push(w); }
    var possessive = stripEnd(w, ["nya", "ku", "mu"]);
    if (possessive) stages.push(possessive);
    return stages;
  }
  function derivations(w) {
    return ["kan", "an", "i"].filter(function (s) { return stripEnd(w, [s]) !== null; })
      .map(function (s) { return [w.slice(0, -s.length), s]; });
  }
  var FORBIDDEN = { be: ["i"], di: ["an"], ke: ["i", "kan"], me: ["an"], se: ["i", "kan"], te: ["an"] };
  function nasalM(cut, kind, w) {
    var c = w[3], rest = w.slice(3);
    if (c === "b" || c === "f" || c === "v" || c === "p") cut(kind, rest);
    else if (isVowel(c) || c === "r") { cut(kind, "m" + rest); cut(kind, "p" + rest); }
  }
  function nasalN(cut, kind, w) {
    var c = w[3];
    if ("cdjstz".indexOf(c) >= 0 && c) cut(kind, w.slice(3));
    else if (c === "g") {
      var d = w[4];
      if (d && "ghqk".indexOf(d) >= 0) cut(kind, w.slice(4));
      else if (isVowel(d)) {
        cut(kind, w.slice(4));
        cut(kind, "k" + w.slice(4));
        if (d === "e" && !isVowel(w[5])) cut(kind, w.slice(5));
        cut(kind, "ng" + w.slice(4));
      }
    } else if (c === "y" && isVowel(w[4])) { cut(kind, "s" + w.slice(4)); cut(kind, "ny" + w.slice(4)); }
    else if (isVowel(c)) { cut(kind, "t" + w.slice(3)); cut(kind, "n" + w.slice(3)); }
  }
  function prefixCuts(w) {
    var cuts = [], two = w.slice(0, 2);
    function cut(kind, rest) { cuts.push([kind, rest]); }
    if (two === "di" || two === "ke" || two === "se") cut(two, w.slice(2));
    else if (two === "be" || two === "te") {
      if (w === "belajar") cut(two, w.slice(3));
      if (w[2] === "r") {
        cut(two, w.slice(3));
        if (isVowel(w[3])) cut(two, w.slice(2));
      } else if (isConsonant(w[2]) && w.slice(3, 5) === "er") cut(two, w.slice(2));
    } else if (two === "me") {
      if ("lrwy".indexOf(w[2]) >= 0 && w[2] && isVowel(w[3])) cut("me", w.slice(2));
      else if (w[2] === "m") nasalM(cut, "me", w);
      else if (w[2] === "n") nasalN(cut, "me", w);
    } else if (two === "pe") {
      var c = w[2];
      if ((c === "w" || c === "y") && isVowel(w[3])) cut("pe", w.slice(2));
      else if (c === "r") { cut("pe", w.slice(3)); if (isVowel(w[3])) cut("pe", w.slice(2)); }
      else if (c === "m") nasalM(cut, "pe", w);
      else if (c === "n") nasalN(cut, "pe", w);
      else if (c === "l") { if (w === "pelajar") cut("pe", w.slice(3)); cut("pe", w.slice(2)); }
      else if (isConsonant(c) && "rwylmn".indexOf(c) < 0) cut("pe", w.slice(2));
    }
    var infix = w.slice(1, 3);
    if (isConsonant(w[0]) && isVowel(w[3]) && (infix === "er" || infix === "el" || infix === "em" || infix === "in")) cut("infix", w[0] + w.slice(3));
    return cuts;
  }
  function stripPrefixes(w, depth, previous, suffix, thenSuffixes, isRoot) {
    if (depth === 3) return null;
    var cuts = prefixCuts(w);
    for (var i = 0; i < cuts.length; i++) {
      var kind = cuts[i][0], rest = cuts[i][1];
      if (kind === previous || rest.length < 2) continue;
      if (depth === 0 && suffix && (FORBIDDEN[kind] || []).indexOf(suffix) >= 0) continue;
      if (isRoot(rest)) return rest;
      if (thenSuffixes) {
        var stages = inflections(rest), core = stages.length ? stages[stages.length - 1] : rest;
        var tries = stages.concat(derivations(core).map(function (d) { return d[0]; }));
        for (var t = 0; t < tries.length; t++) if (isRoot(tries[t])) return tries[t];
      }
      var found = stripPrefixes(rest, depth + 1, kind, suffix, thenSuffixes, isRoot);
      if (found) return found;
    }
    return null;
  }
  function stem(w, isRoot) {
    if (w.length <= 3 || !/^[a-z]+$/.test(w) || isRoot(w)) return w;
    var found = prefixFirst(w) ? stripPrefixes(w, 0, null, null, true, isRoot) : null;
    if (found) return found;
    var stages = inflections(w), core = stages.length ? stages[stages.length - 1] : w;
    var derived = derivations(core), i;
    for (i = 0; i < derived.length; i++) if (isRoot(derived[i][0])) return derived[i][0];
    for (i = 0; i < derived.length; i++) {
      found = stripPrefixes(derived[i][0], 0, null, derived[i][1], false, isRoot);
      if (found) return found;
    }
    var restored = stages.slice().reverse().concat([w]);
    for (i = 0; i < restored.length; i++) {
      found = stripPrefixes(restored[i], 0, null, null, false, isRoot);
      if (found) return found;
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
  // How many letters a typo may get wrong, by the shorter word's length:
  // none up to four letters, one from five to eight, two from nine.
  function typos(length) { return length >= 9 ? 2 : length >= 5 ? 1 : 0; }
  // How well a word of the text answers a word of the query.
  var EXACT = 1, PREFIX = 0.8, ROOT = 0.7, TYPO = 0.4;
  // Words every SOP shares, left out of a query that has others.
  var STOP = ["sop", "standar", "operasional", "prosedur", "dan", "di", "ke", "dari", "yang", "untuk", "pada", "dengan"];

  // ---------------------------------------------------------------- index
  var FIELDS = [["nama", 5], ["nomor", 5], ["berkas", 3], ["lampiran", 3], ["pelaksana", 2], ["langkah", 2], ["teks", 1],
    ["dasar_hukum", 1], ["keterangan", 1], ["maksud_tujuan", 1], ["peralatan", 1], ["kualifikasi", 1], ["keterkaitan", 1]];
  // `roots`: each word of the records that is not its own root, with its
  // root (SOPKIT_AKAR, made by the build with a dictionary); `near`: the
  // real roots one letter from the corpus's (SOPKIT_AKAR_DEKAT).
  function Index(records, roots, near) {
    this.records = records;
    // word -> [[record, field weight, field, text index], ...]
    this.words = new Map();
    // record -> [[field, text index, weight, words of the text], ...]
    this.texts = [];
    for (var r = 0; r < records.length; r++) {
      var own = [];
      for (var f = 0; f < FIELDS.length; f++) {
        var name = FIELDS[f][0], value = records[r][name];
        if (value === undefined || value === null) continue;
        var texts = Array.isArray(value) ? value : [value];
        for (var t = 0; t < texts.length; t++) {
          var seen = tokens(texts[t]);
          own.push([name, t, FIELDS[f][1], seen]);
          for (var k = 0; k < seen.length; k++) {
            var list = this.words.get(seen[k]);
            if (!list) { list = []; this.words.set(seen[k], list); }
            list.push([r, FIELDS[f][1], name, t]);
          }
        }
      }
      this.texts.push(own);
    }
    this.vocabulary = Array.from(this.words.keys());
    roots = roots || {};
    this.near = new Set(near || []);
    this.rootOf = new Map();
    this.roots = new Set();
    for (var v = 0; v < this.vocabulary.length; v++) {
      var word = this.vocabulary[v], root = Object.prototype.hasOwnProperty.call(roots, word) ? roots[word] : word;
      this.rootOf.set(word, root);
      this.roots.add(root);
    }
  }
  // The root of a query word: the build's for a word of the corpus, else
  // by the rules against the corpus's roots.
  Index.prototype.root = function (word) {
    var roots = this.roots;
    return this.words.has(word) ? this.rootOf.get(word) : stem(word, function (w) { return roots.has(w); });
  };
  // A word with its root left out ("peng*an"), or null when the root is
  // not written in it as such.
  function frame(word, root) {
    var at = root ? word.indexOf(root) : -1;
    return at < 0 ? null : word.slice(0, at) + "*" + word.slice(at + root.length);
  }
  // The frame of a query word the corpus does not hold but the language
  // does: its root is one of the real roots near the corpus's
  // ("pengaduan", of "adu", beside "pengadaan", of "ada"); else null.
  Index.prototype.realFrame = function (word) {
    var roots = this.roots, near = this.near;
    var root = stem(word, function (w) { return roots.has(w) || near.has(w); });
    return near.has(root) ? frame(word, root) : null;
  };
  // The words of the corpus that answer a query word, each with how well:
  // the same word, a word it begins, a word of the same root; a typo only
  // when none of those is found, and never in a number (a nomor matches
  // as written or by its beginning).
  Index.prototype.matches = function (query) {
    var found = new Map(), numeric = /[0-9]/.test(query), root = numeric ? null : this.root(query);
    for (var v = 0; v < this.vocabulary.length; v++) {
      var word = this.vocabulary[v];
      if (word === query) found.set(word, EXACT);
      else if (query.length >= (numeric ? 2 : 3) && word.indexOf(query) === 0) found.set(word, PREFIX);
      else if (root && root.length >= 3 && this.rootOf.get(word) === root) found.set(word, ROOT);
    }
    if (found.size > 0 || numeric) return found;
    // A word the language has is no typo of the word with the same affixes
    // round another root ("pengaduan" is not "pengadaan"), and at most one
    // letter off another ("pendanaan" is not "pengadaan"; "pengadan",
    // which could be "peng-adan", is).
    var real = this.realFrame(query);
    for (var w = 0; w < this.vocabulary.length; w++) {
      var other = this.vocabulary[w], limit = typos(Math.min(query.length, other.length));
      if (real !== null) limit = Math.min(limit, 1);
      if (limit === 0 || /[0-9]/.test(other) || (real !== null && real === frame(other, this.rootOf.get(other)))) continue;
      if (distance(query, other, limit) <= limit) found.set(other, TYPO);
    }
    return found;
  };
  // The text of a record where the query's words stand closest together:
  // [field, text index, words covered, their span, first and last word].
  Index.prototype.window = function (record, matched) {
    var best = null, texts = this.texts[record];
    for (var t = 0; t < texts.length; t++) {
      var words = texts[t][3], weight = texts[t][2], present = 0, q, i;
      for (q = 0; q < matched.length; q++) {
        for (i = 0; i < words.length && !matched[q].has(words[i]); i++);
        if (i < words.length) present++;
      }
      if (present === 0 || (best && (present < best[2] || (present === best[2] && weight < best[5])))) continue;
      var last = [], seen = 0, span = Infinity, range = null;
      for (i = 0; i < words.length; i++) {
        for (q = 0; q < matched.length; q++) {
          if (!matched[q].has(words[i])) continue;
          if (last[q] === undefined) seen++;
          last[q] = i;
        }
        if (seen < present) continue;
        var start = Math.min.apply(null, last.filter(function (at) { return at !== undefined; }));
        if (i - start + 1 < span) { span = i - start + 1; range = [start, i]; }
      }
      if (!best || present > best[2] || weight > best[5] || span < best[3]) best = [texts[t][0], texts[t][1], present, span, range, weight];
    }
    return best;
  };
  // Records that answer every word of the query, best first; each with the
  // words that matched (to highlight) and the text where they stand
  // together. A query of words every SOP shares ("sop") lists them all.
  Index.prototype.search = function (query) {
    var wanted = tokens(query), self = this;
    var kept = wanted.filter(function (w) { return STOP.indexOf(w) < 0; });
    if (wanted.length === 0) return [];
    if (kept.length === 0) {
      return this.records.map(function (record) { return { record: record, score: 0, words: new Set(), where: null }; });
    }
    var matched = kept.map(function (q) { return self.matches(q); });
    var scores = new Map();
    matched.forEach(function (words) {
      var best = new Map(); // record -> [score, matched word]
      words.forEach(function (like, word) {
        var hits = self.words.get(word);
        for (var h = 0; h < hits.length; h++) {
          var score = like * hits[h][1], old = best.get(hits[h][0]);
          if (!old || old[0] < score) best.set(hits[h][0], [score, word]);
        }
      });
      best.forEach(function (found, record) {
        var entry = scores.get(record) || { score: 0, count: 0 };
        entry.score += found[0];
        entry.count += 1;
        scores.set(record, entry);
      });
    });
    var out = [], highlight = new Set();
    matched.forEach(function (words) { words.forEach(function (_, word) { highlight.add(word); }); });
    scores.forEach(function (entry, record) {
      if (entry.count !== kept.length) return;
      var where = self.window(record, matched), score = entry.score;
      // The words together, as a phrase, count more than scattered.
      if (kept.length > 1 && where && where[2] === kept.length) score += where[5] * kept.length / where[3];
      out.push({ record: self.records[record], score: score, words: highlight, where: where });
    });
    out.sort(function (a, b) { return b.score - a.score || a.record.nama.localeCompare(b.record.nama); });
    return out;
  };

  // Text with the matched words in <mark>, built as nodes (never as HTML).
  function marked(parent, text, words) {
    var parts = String(text).split(/([^A-Za-z0-9\u00C0-\u024F]+)/);
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i];
      if (part && words.has(fold(part))) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        parent.appendChild(mark);
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    }
  }
  // A long text cut to the words around [from, to] (word positions).
  function excerpt(text, range) {
    var parts = String(text).split(/([^A-Za-z0-9\u00C0-\u024F]+)/), words = [], i;
    for (i = 0; i < parts.length; i++) if (fold(parts[i]).match(/^[a-z0-9]+$/)) words.push(i);
    if (words.length <= 24) return text;
    var first = Math.max(0, range[0] - 8), last = Math.min(words.length - 1, range[1] + 8);
    var start = first === 0 ? 0 : words[first], end = last === words.length - 1 ? parts.length : words[last] + 1;
    return (first > 0 ? "\u2026 " : "") + parts.slice(start, end).join("") + (end < parts.length ? " \u2026" : "");
  }

  // The search index is loaded on the first search only: the list and its
  // filters need none, and a phone should not fetch it for nothing.
  // An SOP past its `berlaku_sampai` on the day it is read is kedaluwarsa,
  // whenever the portal was built: the day in the project's own time zone
  // (`zona_waktu`: its hours ahead of UTC, on the list), not UTC's.
  var zone = document.getElementById("daftar");
  var TODAY = new Date(Date.now() + Number(zone && zone.dataset.utc || 7) * 3600000).toISOString().slice(0, 10);
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
        index = new Index(records, window.SOPKIT_AKAR, window.SOPKIT_AKAR_DEKAT);
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
      // A revised SOP is in force too: "Berlaku" lists it.
      var state = status.value === "berlaku" && record.status === "direvisi" ? "berlaku" : record.status;
      // "Perlu revisi" is monev's judgement, beside the status of force.
      var wanted = status.value === "perlu-revisi" ? record.perlu_revisi === true : !status.value || state === status.value;
      return (!unit.value || record.unit === unit.value) && wanted &&
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
          var ok = passes({ unit: card.dataset.unit, status: card.dataset.status, tahun: card.dataset.tahun, perlu_revisi: card.dataset.monev === "perlu-revisi" });
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
        var where = f.where;
        if (where && where[0] !== "nama" && where[0] !== "nomor") {
          var value = f.record[where[0]], text = Array.isArray(value) ? value[where[1]] : value;
          var snippet = document.createElement("span");
          snippet.className = "cuplikan";
          marked(snippet, excerpt(text, where[4]), f.words);
          item.appendChild(snippet);
        }
        if (f.record.status) {
          var badge = document.createElement("span");
          badge.className = "status status-" + f.record.status;
          badge.textContent = f.record.status.charAt(0).toUpperCase() + f.record.status.slice(1);
          item.appendChild(badge);
        }
        results.appendChild(item);
      }
      count.textContent = found.length === 0 ? "Tidak ada SOP yang cocok dengan \u201c" + query + "\u201d" : found.length + " SOP cocok";
    }
    // The query in the address as it is typed, so that Back and a shared
    // link keep it.
    input.addEventListener("input", function () {
      try {
        var address = new URL(location.href);
        if (input.value) address.searchParams.set("q", input.value);
        else address.searchParams.delete("q");
        history.replaceState(history.state, "", address.href);
      } catch (e) { /* an address the page may not rewrite: the search still runs */ }
      update();
    });
    input.addEventListener("focus", function () { withIndex(update); });
    [unit, status, year].forEach(function (select) { select.addEventListener("change", update); });
    var asked = new URLSearchParams(location.search).get("q");
    if (asked) input.value = asked;
    update();
    // For the benchmark: the index's answer to a query, once loaded.
    window.sopkitSearch = function (query) {
      return index ? index.search(query).map(function (f) { return f.record.url; }) : null;
    };
    // For the tests: the root the page finds for a word.
    window.sopkitRoot = function (word) {
      return index ? index.root(word) : null;
    };
    window.sopkitLoadIndex = function (then) { withIndex(then); };
  }

  // ---------------------------------------------------------------- zoom
  // At a phone's width the sheet's text is about 4 px: the box zooms with
  // its buttons, + / − / 0 on the keyboard, ctrl+wheel (a touchpad's pinch)
  // and two fingers, keeping the point looked at in place, and pans both
  // ways once zoomed (scrolling, or dragging with a mouse). Without script
  // the buttons stay hidden and the page zooms as any page does.
  var ZOOM_STEPS = [0.5, 0.75, 1, 1.5, 2, 3, 4, 5];
  function setUpZoom() {
    var box = document.getElementById("bagan-halaman");
    if (!box) return;
    var controls = document.querySelector(".zoom"), reset = controls.querySelector("[data-zoom='0']");
    controls.hidden = false;
    box.classList.add("dapat-zoom");
    var level = 1;
    // The point (x, y) of the box, from its top left corner, stays put.
    function zoomTo(wanted, x, y) {
      var next = Math.min(ZOOM_STEPS[ZOOM_STEPS.length - 1], Math.max(ZOOM_STEPS[0], wanted));
      if (x === undefined) { x = box.clientWidth / 2; y = box.clientHeight / 2; }
      var left = (box.scrollLeft + x) * next / level - x, top = (box.scrollTop + y) * next / level - y;
      level = next;
      box.style.setProperty("--zoom", level);
      box.classList.toggle("diperbesar", level > 1);
      box.scrollLeft = left;
      box.scrollTop = top;
      var percent = Math.round(level * 100);
      reset.textContent = percent + "%";
      reset.setAttribute("aria-label", "Perbesaran " + percent + " persen; kembali ke 100%");
    }
    function step(direction) {
      if (direction === 0) return zoomTo(1);
      var ladder = direction > 0 ? ZOOM_STEPS : ZOOM_STEPS.slice().reverse();
      var next = ladder.filter(function (s) { return direction > 0 ? s > level + 0.001 : s < level - 0.001; })[0];
      if (next !== undefined) zoomTo(next);
    }
    var buttons = controls.querySelectorAll("[data-zoom]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (event) { step(Number(event.currentTarget.dataset.zoom)); });
    }
    var KEYS = { "+": 1, "=": 1, "-": -1, "_": -1, "\u2212": -1, "0": 0 };
    box.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || !(event.key in KEYS)) return;
      event.preventDefault();
      step(KEYS[event.key]);
    });
    function inBox(clientX, clientY) {
      var rect = box.getBoundingClientRect();
      return [clientX - rect.left - box.clientLeft, clientY - rect.top - box.clientTop];
    }
    box.addEventListener("wheel", function (event) {
      if (!event.ctrlKey) return;
      event.preventDefault();
      var at = inBox(event.clientX, event.clientY);
      zoomTo(level * Math.exp(-event.deltaY / 300), at[0], at[1]);
    }, { passive: false });
    var pinch = null;
    function fingers(touches) {
      var a = touches[0], b = touches[1];
      return { spread: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY), x: (a.clientX + b.clientX) / 2, y: (a.clientY + b.clientY) / 2 };
    }
    box.addEventListener("touchstart", function (event) {
      if (event.touches.length === 2) pinch = { start: fingers(event.touches), level: level };
    }, { passive: true });
    box.addEventListener("touchmove", function (event) {
      if (!pinch || event.touches.length !== 2) return;
      event.preventDefault();
      var now = fingers(event.touches), at = inBox(now.x, now.y);
      if (pinch.start.spread > 0) zoomTo(pinch.level * now.spread / pinch.start.spread, at[0], at[1]);
    }, { passive: false });
    box.addEventListener("touchend", function (event) { if (event.touches.length < 2) pinch = null; });
    var drag = null;
    box.addEventListener("pointerdown", function (event) {
      if (event.pointerType !== "mouse" || event.button !== 0 || level <= 1) return;
      drag = { x: event.clientX, y: event.clientY, left: box.scrollLeft, top: box.scrollTop };
      box.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    box.addEventListener("pointermove", function (event) {
      if (!drag) return;
      box.scrollLeft = drag.left - (event.clientX - drag.x);
      box.scrollTop = drag.top - (event.clientY - drag.y);
    });
    box.addEventListener("pointerup", function () { drag = null; });
    box.addEventListener("pointercancel", function () { drag = null; });
    box.addEventListener("dragstart", function (event) { event.preventDefault(); });
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

  // ------------------------------------------------------ verify: PDF objects
  // Enough of PDF (ISO 32000-1 §7.2-7.5) to read the updates a signer
  // appends to a file. Values: numbers, booleans and null as in
  // JavaScript; {name}; {str, at, end} (where the string's bytes are in
  // the file, -1 inside an object stream); {ref, gen}; arrays; {dict} and
  // {dict, stream} (the stream's raw bytes).
  function isSpace(c) { return c === 0 || c === 9 || c === 10 || c === 12 || c === 13 || c === 32; }
  function isRegular(c) { return c !== undefined && !isSpace(c) && "()<>[]{}/%".indexOf(String.fromCharCode(c)) < 0; }
  function latin1(bytes, start, end) {
    var out = "";
    for (var i = start; i < end; i += 8192) out += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(end, i + 8192)));
    return out;
  }
  function startsWith(bytes, at, text) {
    for (var i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  // A tokenizer and object parser over `bytes`; `base` is where they sit
  // in the file (0), or -1 for an object stream's decompressed bytes.
  function Lexer(bytes, pos, base) { this.bytes = bytes; this.pos = pos; this.base = base; }
  Lexer.prototype.fail = function (what) {
    throw new Error(what + (this.base >= 0 ? " pada bita " + (this.base + this.pos) : " dalam aliran objek"));
  };
  Lexer.prototype.at = function (pos) { return this.base >= 0 ? this.base + pos : -1; };
  Lexer.prototype.skipSpace = function () {
    var b = this.bytes;
    while (this.pos < b.length) {
      if (isSpace(b[this.pos])) this.pos++;
      else if (b[this.pos] === 37) while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
      else break;
    }
  };
  Lexer.prototype.token = function () {
    this.skipSpace();
    var b = this.bytes, start = this.pos, c = b[start];
    if (start >= b.length) return { kind: "eof", start: start };
    if (c === 60 && b[start + 1] === 60) { this.pos += 2; return { kind: "<<", start: start }; }
    if (c === 62 && b[start + 1] === 62) { this.pos += 2; return { kind: ">>", start: start }; }
    if (c === 91 || c === 93) { this.pos++; return { kind: String.fromCharCode(c), start: start }; }
    if (c === 60) return this.hexString();
    if (c === 40) return this.literalString();
    if (c === 47) return this.name();
    while (isRegular(b[this.pos])) this.pos++;
    if (this.pos === start) this.fail("tanda tak terduga");
    var word = latin1(b, start, this.pos);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return { kind: "num", value: Number(word), integer: /^\d+$/.test(word), start: start };
    return { kind: "word", value: word, start: start };
  };
  // \n \r \t \b \f in a literal string.
  var ESCAPES = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 };
  Lexer.prototype.literalString = function () {
    var b = this.bytes, start = this.pos++, depth = 0, out = [];
    for (;;) {
      if (this.pos >= b.length) this.fail("string tidak ditutup");
      var c = b[this.pos++];
      if (c === 92) {
        var d = b[this.pos++];
        if (ESCAPES[d] !== undefined) out.push(ESCAPES[d]);
        else if (d >= 48 && d <= 55) {
          var code = d - 48;
          for (var n = 1; n < 3 && b[this.pos] >= 48 && b[this.pos] <= 55; n++) code = code * 8 + b[this.pos++] - 48;
          out.push(code & 255);
        } else if (d === 13) { if (b[this.pos] === 10) this.pos++; }
        else if (d !== 10) out.push(d);
      } else if (c === 41 && depth === 0) break;
      else {
        if (c === 40) depth++;
        if (c === 41) depth--;
        out.push(c);
      }
    }
    return { kind: "str", value: latin1(Uint8Array.from(out), 0, out.length), start: start, end: this.pos };
  };
  Lexer.prototype.hexString = function () {
    var b = this.bytes, start = this.pos++, digits = [];
    for (;;) {
      if (this.pos >= b.length) this.fail("string heksadesimal tidak ditutup");
      var c = b[this.pos++];
      if (c === 62) break;
      if (isSpace(c)) continue;
      var digit = parseInt(String.fromCharCode(c), 16);
      if (isNaN(digit)) this.fail("string heksadesimal rusak");
      digits.push(digit);
    }
    if (digits.length % 2) digits.push(0);
    var out = new Uint8Array(digits.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = digits[2 * i] * 16 + digits[2 * i + 1];
    return { kind: "str", value: latin1(out, 0, out.length), start: start, end: this.pos };
  };
  Lexer.prototype.name = function () {
    var b = this.bytes, start = this.pos++, out = "";
    while (isRegular(b[this.pos])) {
      var c = b[this.pos++];
      if (c === 35 && /^[0-9a-fA-F]{2}$/.test(latin1(b, this.pos, this.pos + 2))) {
        out += String.fromCharCode(parseInt(latin1(b, this.pos, this.pos + 2), 16));
        this.pos += 2;
      } else out += String.fromCharCode(c);
    }
    return { kind: "name", value: out, start: start };
  };
  Lexer.prototype.value = function (depth) {
    if (depth > 64) this.fail("objek bersarang terlalu dalam");
    var t = this.token();
    if (t.kind === "num") {
      if (t.integer) {
        var save = this.pos, gen = this.token();
        if (gen.kind === "num" && gen.integer) {
          var r = this.token();
          if (r.kind === "word" && r.value === "R") return { ref: t.value, gen: gen.value };
        }
        this.pos = save;
      }
      return t.value;
    }
    if (t.kind === "name") return { name: t.value };
    if (t.kind === "str") return { str: t.value, at: this.at(t.start), end: this.at(t.end) };
    if (t.kind === "[") {
      var items = [];
      for (;;) {
        this.skipSpace();
        if (this.bytes[this.pos] === 93) { this.pos++; return items; }
        items.push(this.value(depth + 1));
      }
    }
    if (t.kind === "<<") {
      var dict = Object.create(null);
      for (;;) {
        var key = this.token();
        if (key.kind === ">>") return { dict: dict };
        if (key.kind !== "name") this.fail("kunci kamus bukan nama");
        // Two readers could take different values of a key given twice.
        if (key.value in dict) this.fail("kunci /" + key.value + " ditulis dua kali");
        dict[key.value] = this.value(depth + 1);
      }
    }
    if (t.kind === "word" && (t.value === "true" || t.value === "false")) return t.value === "true";
    if (t.kind === "word" && t.value === "null") return null;
    this.fail("nilai tak dikenal");
  };
  // `N G obj ... endobj` at the current position; a stream's /Length may
  // be an object `lengthOf` finds.
  Lexer.prototype.indirectObject = function (lengthOf) {
    this.skipSpace();
    var start = this.pos, num = this.token(), gen = this.token(), keyword = this.token();
    if (num.kind !== "num" || !num.integer || gen.kind !== "num" || !gen.integer || keyword.value !== "obj") {
      this.pos = start;
      this.fail("objek tak dikenal");
    }
    var value = this.value(0), t = this.token();
    if (t.kind === "word" && t.value === "stream" && value && value.dict) {
      if (this.bytes[this.pos] === 13) this.pos++;
      if (this.bytes[this.pos] === 10) this.pos++;
      var length = isRef(value.dict.Length) ? lengthOf(value.dict.Length.ref) : value.dict.Length;
      if (typeof length !== "number" || length < 0 || this.pos + length > this.bytes.length) this.fail("panjang aliran objek " + num.value + " salah");
      value = { dict: value.dict, stream: this.bytes.subarray(this.pos, this.pos + length) };
      this.pos += length;
      t = this.token();
      if (t.value !== "endstream") this.fail("endstream objek " + num.value + " tidak ditemukan");
      t = this.token();
    }
    if (t.value !== "endobj") this.fail("endobj objek " + num.value + " tidak ditemukan");
    return { num: num.value, gen: gen.value, value: value, start: this.at(start), end: this.at(this.pos) };
  };

  function isName(value, name) { return !!value && value.name === name; }
  function nameOf(value) { return value && value.name !== undefined ? value.name : ""; }
  function isRef(value) { return !!value && value.ref !== undefined; }
  function asList(value) { return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]; }
  // Equal as PDF values: numbers by value, strings by their bytes,
  // dictionaries whatever the order of their keys, streams by their bytes.
  function same(a, b) {
    if (a === b) return true;
    if (!a || !b || typeof a !== "object" || typeof b !== "object") return false;
    if (Array.isArray(a) || Array.isArray(b)) {
      return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every(function (x, i) { return same(x, b[i]); });
    }
    if (a.name !== undefined || b.name !== undefined) return a.name === b.name;
    if (a.str !== undefined || b.str !== undefined) return a.str === b.str;
    if (a.ref !== undefined || b.ref !== undefined) return a.ref === b.ref && a.gen === b.gen;
    if (!a.dict || !b.dict || !!a.stream !== !!b.stream) return false;
    var keys = Object.keys(a.dict);
    if (keys.length !== Object.keys(b.dict).length) return false;
    if (!keys.every(function (k) { return k in b.dict && same(a.dict[k], b.dict[k]); })) return false;
    return !a.stream || sameBytes(a.stream, b.stream);
  }
  function sameBytes(a, b) {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  // The keys of two dictionaries whose values differ.
  function changedKeys(a, b) {
    var keys = Object.keys(a || {}).concat(Object.keys(b || {}).filter(function (k) { return !(a && k in a); }));
    return keys.filter(function (k) { return !same(a ? a[k] : undefined, b ? b[k] : undefined); });
  }

  // ------------------------------------------------------ verify: streams
  // Flate by the browser's own zlib (DecompressionStream, also from
  // file://), then the PNG predictors xref streams use.
  function inflate(bytes) {
    if (typeof DecompressionStream === "undefined") return Promise.reject(new Error("peramban ini tidak dapat membuka aliran terkompresi"));
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
  }
  function unpredict(data, parms) {
    var predictor = parms && parms.dict && parms.dict.Predictor || 1;
    if (predictor === 1) return data;
    if (predictor < 10) throw new Error("prediktor " + predictor + " tidak didukung");
    var p = parms.dict, colors = p.Colors || 1, bits = p.BitsPerComponent || 8, columns = p.Columns || 1;
    var bpp = Math.max(1, Math.ceil(colors * bits / 8)), rowLength = Math.ceil(columns * colors * bits / 8);
    var rows = Math.floor(data.length / (rowLength + 1)), out = new Uint8Array(rows * rowLength);
    for (var r = 0; r < rows; r++) {
      var type = data[r * (rowLength + 1)], row = r * rowLength;
      for (var i = 0; i < rowLength; i++) {
        var raw = data[r * (rowLength + 1) + 1 + i];
        var left = i >= bpp ? out[row + i - bpp] : 0, up = r > 0 ? out[row - rowLength + i] : 0;
        var upLeft = r > 0 && i >= bpp ? out[row - rowLength + i - bpp] : 0;
        var guess = type === 0 ? 0 : type === 1 ? left : type === 2 ? up : type === 3 ? (left + up) >> 1 : paeth(left, up, upLeft);
        if (type > 4) throw new Error("prediktor PNG " + type + " tidak dikenal");
        out[row + i] = (raw + guess) & 255;
      }
    }
    return out;
  }
  function paeth(a, b, c) {
    var p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  }
  async function decodeStream(value) {
    var filters = asList(value.dict.Filter), parms = asList(value.dict.DecodeParms), data = value.stream;
    for (var i = 0; i < filters.length; i++) {
      if (!isName(filters[i], "FlateDecode")) throw new Error("filter /" + nameOf(filters[i]) + " tidak didukung");
      try {
        data = await inflate(data);
      } catch (e) {
        throw new Error("aliran terkompresi rusak");
      }
      data = unpredict(data, parms[i]);
    }
    return data;
  }

  // ------------------------------------------------------ verify: xref
  // The entries of one xref section (a table or an xref stream):
  // {num, type: 0 free | 1 at offset | 2 in object stream, offset, gen,
  // stream, index}, with its trailer.
  function readXrefTable(bytes, offset) {
    var lexer = new Lexer(bytes, offset + 4, 0), entries = [], trailerAt;
    for (;;) {
      var first = lexer.token();
      if (first.kind === "word" && first.value === "trailer") {
        trailerAt = first.start;
        break;
      }
      var count = lexer.token();
      if (first.kind !== "num" || count.kind !== "num" || count.value > bytes.length / 18) lexer.fail("tabel xref rusak");
      for (var i = 0; i < count.value; i++) {
        var at = lexer.token(), gen = lexer.token(), kind = lexer.token();
        if (at.kind !== "num" || gen.kind !== "num" || (kind.value !== "n" && kind.value !== "f")) lexer.fail("baris xref rusak");
        entries.push({ num: first.value + i, type: kind.value === "n" ? 1 : 0, offset: at.value, gen: gen.value });
      }
    }
    var trailer = lexer.value(0);
    if (!trailer || !trailer.dict) lexer.fail("trailer rusak");
    return { entries: entries, trailer: trailer.dict, end: lexer.pos, trailerAt: trailerAt };
  }
  async function readXrefStream(object) {
    var dict = object.value.dict, data = await decodeStream(object.value);
    var widths = dict.W, index = dict.Index || [0, dict.Size], entries = [];
    if (!Array.isArray(widths) || widths.length !== 3 || !Array.isArray(index)) throw new Error("aliran xref objek " + object.num + " rusak");
    var rowLength = widths[0] + widths[1] + widths[2], pos = 0;
    function field(width, fallback) {
      if (width === 0) return fallback;
      var v = 0;
      for (var k = 0; k < width; k++) v = v * 256 + data[pos++];
      return v;
    }
    for (var s = 0; s < index.length; s += 2) {
      for (var i = 0; i < index[s + 1]; i++) {
        if (pos + rowLength > data.length) throw new Error("aliran xref objek " + object.num + " terlalu pendek");
        var type = field(widths[0], 1), a = field(widths[1], 0), b = field(widths[2], 0), num = index[s] + i;
        entries.push(type === 1 ? { num: num, type: 1, offset: a, gen: b } : type === 2 ? { num: num, type: 2, stream: a, index: b } : { num: num, type: 0 });
      }
    }
    return { entries: entries, trailer: dict, end: object.end, object: object, data: data };
  }
  function isXrefStream(object) { return !!object.value.stream && isName(object.value.dict.Type, "XRef"); }
  // The objects of an object stream (/Type /ObjStm), and its decoded bytes.
  async function readObjectStream(container) {
    var data = await decodeStream(container.value), dict = container.value.dict;
    var header = new Lexer(data, 0, -1), found = [];
    for (var i = 0; i < dict.N; i++) {
      var num = header.token(), offset = header.token();
      if (num.kind !== "num" || offset.kind !== "num") header.fail("daftar aliran objek rusak");
      found.push({ num: num.value, offset: offset.value });
    }
    var objects = found.map(function (entry, index) {
      var lexer = new Lexer(data, dict.First + entry.offset, -1);
      return { num: entry.num, gen: 0, value: lexer.value(0), start: -1, end: -1, container: container.num, index: index };
    });
    return { objects: objects, data: data };
  }

  // ------------------------------------------------------ verify: revisions
  // The objects of a file as of one revision: the official file's (read
  // where its xref says, on demand), then each update's on top of the one
  // before it.
  function Revision(parent) {
    this.parent = parent;
    this.objects = new Map();
    this.located = new Map();
    this.bytes = null;
    this.trailer = null;
  }
  Revision.prototype.object = function (num) {
    if (this.objects.has(num)) return this.objects.get(num);
    var entry = this.located.get(num);
    if (entry) {
      if (entry.type !== 1) return null;
      var self = this, object = new Lexer(this.bytes, entry.offset, 0).indirectObject(function (n) { return self.resolve({ ref: n }); });
      if (object.num !== num) throw new Error("xref objek " + num + " menunjuk ke objek lain");
      this.objects.set(num, object);
      return object;
    }
    return this.parent ? this.parent.object(num) : null;
  };
  Revision.prototype.has = function (num) { return !!this.object(num); };
  Revision.prototype.resolve = function (value) {
    for (var hops = 0; isRef(value); hops++) {
      if (hops > 16) throw new Error("rujukan melingkar");
      var object = this.object(value.ref);
      value = object ? object.value : null;
    }
    return value;
  };
  Revision.prototype.get = function (value, key) {
    var resolved = this.resolve(value);
    return resolved && resolved.dict ? resolved.dict[key] : undefined;
  };

  // The last `startxref N %%EOF` of the bytes.
  function lastStartxref(bytes) {
    var tail = latin1(bytes, Math.max(0, bytes.length - 1024), bytes.length);
    var found = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!found) throw new Error("startxref tidak ditemukan di akhir dokumen resmi");
    return Number(found[1]);
  }

  // The official file: its xref sections newest first, following /Prev.
  async function readOfficial(bytes) {
    var revision = new Revision(null), offset = lastStartxref(bytes), visited = new Set();
    revision.bytes = bytes;
    revision.startxref = offset;
    var streams = new Set();
    while (offset !== undefined) {
      if (visited.has(offset) || visited.size > 64) throw new Error("rantai xref dokumen resmi melingkar");
      visited.add(offset);
      var section;
      if (startsWith(bytes, offset, "xref")) section = readXrefTable(bytes, offset);
      else {
        var object = new Lexer(bytes, offset, 0).indirectObject(function () { throw new Error("panjang aliran xref tidak langsung"); });
        if (!isXrefStream(object)) throw new Error("startxref dokumen resmi tidak menunjuk ke xref");
        section = await readXrefStream(object);
      }
      if (section.trailer.XRefStm !== undefined) throw new Error("xref hibrida tidak didukung");
      revision.trailer = revision.trailer || section.trailer;
      section.entries.forEach(function (entry) {
        if (revision.located.has(entry.num)) return;
        revision.located.set(entry.num, entry);
        if (entry.type === 2) streams.add(entry.stream);
      });
      offset = section.trailer.Prev;
    }
    for (var container of streams) {
      if (!revision.object(container)) throw new Error("aliran objek " + container + " tidak ditemukan");
      for (var inner of (await readObjectStream(revision.object(container))).objects) {
        var entry = revision.located.get(inner.num);
        if (entry && entry.type === 2 && entry.stream === container && entry.index === inner.index) revision.objects.set(inner.num, inner);
      }
    }
    return revision;
  }

  // One update appended at `pos`, as written: its objects in order, then
  // its xref (a table and trailer, or an xref stream), `startxref N` and
  // %%EOF (`eof` is where that ends, `end` after its end of line).
  async function scanUpdate(bytes, pos, previous) {
    var lexer = new Lexer(bytes, pos, 0), scanned = [], section = null;
    function lengthOf(num) {
      var earlier = scanned.filter(function (o) { return o.num === num; })[0];
      return earlier ? earlier.value : previous.resolve({ ref: num });
    }
    while (!section) {
      lexer.skipSpace();
      if (startsWith(bytes, lexer.pos, "xref")) {
        section = readXrefTable(bytes, lexer.pos);
        section.at = lexer.pos;
        lexer.pos = section.end;
      } else {
        var object = lexer.indirectObject(lengthOf);
        if (isXrefStream(object)) {
          section = await readXrefStream(object);
          section.at = object.start;
        } else scanned.push(object);
      }
    }
    var keyword = lexer.token(), startxref = lexer.token();
    if (keyword.value !== "startxref" || startxref.kind !== "num") lexer.fail("startxref tidak ditemukan");
    while (isSpace(bytes[lexer.pos])) lexer.pos++;
    if (!startsWith(bytes, lexer.pos, "%%EOF")) lexer.fail("%%EOF tidak ditemukan");
    var eof = lexer.pos + 5, end = eof;
    if (bytes[end] === 13) end++;
    if (bytes[end] === 10) end++;
    return { scanned: scanned, section: section, startxref: startxref.value, startxrefAt: keyword.start, eof: eof, end: end };
  }

  // The xref and trailer of an update against what it wrote: the xref
  // lists exactly the objects written (a reader that rebuilds a broken
  // xref would see the others), /Prev leads back, the catalog stays.
  function xrefProblems(scan, revision, previous) {
    var section = scan.section, trailer = section.trailer, listed = new Set(), problems = [];
    section.entries.forEach(function (entry) {
      var object = revision.objects.get(entry.num);
      if (entry.type === 0) {
        if (entry.num !== 0) problems.push("menghapus objek " + entry.num);
        return;
      }
      listed.add(entry.num);
      if (section.object && entry.num === section.object.num && entry.offset === section.at && entry.gen === section.object.gen) return;
      var inPlace = entry.type === 1 ? object && object.container === undefined && object.start === entry.offset
        : object && object.container === entry.stream && object.index === entry.index;
      if (!inPlace) problems.push("memuat xref yang menunjuk ke objek " + entry.num + " yang tidak ada di tempatnya");
      // A reader that finds the generation wrong rebuilds the xref by
      // scanning the file, and may find other objects than this page read.
      else if (entry.type === 1 && entry.gen !== object.gen) problems.push("memuat xref yang memberi objek " + entry.num + " generasi " + entry.gen + ", padahal objeknya generasi " + object.gen);
    });
    revision.objects.forEach(function (object, num) {
      if (!listed.has(num)) problems.push("memuat objek " + num + " yang tidak tercantum di xref-nya");
    });
    if (trailer.Prev !== previous.startxref) problems.push("tidak merujuk ke xref sebelumnya (/Prev)");
    if (scan.startxref !== section.at) problems.push("memuat startxref yang tidak menunjuk ke xref-nya");
    if (trailer.Encrypt !== undefined) problems.push("mengenkripsi dokumen");
    if (trailer.XRefStm !== undefined) problems.push("memakai xref hibrida");
    if (!same(trailer.Root, previous.trailer.Root)) problems.push("mengganti katalog dokumen (/Root)");
    if (previous.trailer.Info !== undefined && !same(trailer.Info, previous.trailer.Info)) problems.push("mengganti atau membuang informasi dokumen (/Info)");
    // A /Size too small sends a reader to rebuild the xref, as above.
    var highest = Math.max.apply(null, Array.from(revision.objects.keys()).concat(section.object ? [section.object.num] : [], [0]));
    var floor = typeof previous.trailer.Size === "number" ? previous.trailer.Size : 0;
    if (typeof trailer.Size !== "number" || trailer.Size <= highest || trailer.Size < floor) problems.push("memuat /Size " + JSON.stringify(trailer.Size) + " yang tidak melebihi setiap nomor objek");
    if (section.object && previous.has(section.object.num)) problems.push("mengganti objek " + section.object.num + " dengan xref");
    return problems;
  }

  // A reader that finds an xref broken rebuilds it by scanning the bytes
  // for `N G obj` headers and a `trailer` (inside strings and streams
  // too), and takes the last of each: in an update every header must be
  // one this page read in its place, and every `xref`, `trailer` and
  // `startxref` at a line start the update's own. The decoded bytes of
  // its object streams and xref stream hold none.
  var OBJECT_HEADER = /\d+[\s\0]+\d+[\s\0]+obj/g, KEYWORD_AT_LINE_START = /(?:^|[\r\n])[\s\0]*(startxref|trailer|xref)/g;
  function structureIn(text) {
    var found = [], match;
    OBJECT_HEADER.lastIndex = 0;
    while ((match = OBJECT_HEADER.exec(text))) found.push({ at: match.index, what: "`" + match[0].replace(/[\s\0]+/g, " ") + "`" });
    KEYWORD_AT_LINE_START.lastIndex = 0;
    while ((match = KEYWORD_AT_LINE_START.exec(text))) {
      found.push({ at: match.index + match[0].length - match[1].length, what: match[1] });
      KEYWORD_AT_LINE_START.lastIndex = match.index + match[0].length;
    }
    return found;
  }
  function hiddenStructure(bytes, pos, scan, decoded) {
    var own = new Set(scan.scanned.map(function (o) { return o.start; }).concat([scan.startxrefAt]));
    if (scan.section.object) own.add(scan.section.object.start);
    else own.add(scan.section.at).add(scan.section.trailerAt);
    var byHolder = new Map();
    function hidden(what, num) {
      var list = byHolder.get(num) || [];
      if (list.indexOf(what) < 0) list.push(what);
      byHolder.set(num, list);
    }
    structureIn(latin1(bytes, pos, scan.end)).forEach(function (hit) {
      var at = pos + hit.at;
      if (own.has(at)) return;
      var holder = scan.scanned.filter(function (o) { return o.start <= at && at < o.end; })[0];
      hidden(hit.what, holder && holder.num);
    });
    decoded.forEach(function (stream) {
      structureIn(latin1(stream.data, 0, stream.data.length)).forEach(function (hit) { hidden(hit.what, stream.num); });
    });
    return Array.from(byHolder, function (entry) {
      return "menyembunyikan " + joinWords(entry[1]) + (entry[0] !== undefined ? " di dalam objek " + entry[0] : "")
        + " (pembaca yang membangun ulang xref akan memakainya)";
    });
  }

  // One update appended at `pos`, read: the revision it makes, what it
  // adds or replaces (`changed`: not its own xref and object streams) and
  // the problems of its structure.
  async function readUpdate(bytes, pos, previous) {
    var scan = await scanUpdate(bytes, pos, previous), revision = new Revision(previous), containers = new Set(), problems = [];
    for (var object of scan.scanned) {
      if (revision.objects.has(object.num)) throw new Error("menulis objek " + object.num + " dua kali");
      // A new generation would turn every reference to the old one into null.
      if (previous.has(object.num) && previous.object(object.num).gen !== object.gen) problems.push("mengganti generasi objek " + object.num);
      revision.objects.set(object.num, object);
      if (object.value.stream && isName(object.value.dict.Type, "ObjStm")) containers.add(object.num);
    }
    var decoded = scan.section.data ? [{ data: scan.section.data, num: scan.section.object.num }] : [];
    for (var container of containers) {
      if (previous.has(container)) problems.push("mengganti objek " + container + " dengan aliran objek");
      var read = await readObjectStream(revision.objects.get(container));
      decoded.push({ data: read.data, num: container });
      for (var inner of read.objects) {
        if (revision.objects.has(inner.num)) throw new Error("menulis objek " + inner.num + " dua kali");
        revision.objects.set(inner.num, inner);
      }
    }
    problems = problems.concat(xrefProblems(scan, revision, previous), hiddenStructure(bytes, pos, scan, decoded));
    var changed = new Map(), xrefObject = scan.section.object;
    revision.objects.forEach(function (object, num) { if (!containers.has(num)) changed.set(num, object); });
    if (xrefObject) revision.objects.set(xrefObject.num, xrefObject);
    revision.trailer = scan.section.trailer;
    revision.startxref = scan.startxref;
    return { revision: revision, changed: changed, problems: problems, eof: scan.eof, end: scan.end };
  }

  // Every update after the official bytes, in order. Bytes that do not
  // read as an update stop the reading: `unknown` says where.
  async function readUpdates(bytes, officialLength, official) {
    var updates = [], pos = officialLength, previous = official;
    for (;;) {
      while (pos < bytes.length && isSpace(bytes[pos])) pos++;
      if (pos >= bytes.length) return { updates: updates };
      var update;
      try {
        update = await readUpdate(bytes, pos, previous);
      } catch (e) {
        return { updates: updates, unknown: { at: pos, reason: e.message } };
      }
      updates.push(update);
      previous = update.revision;
      pos = update.end;
    }
  }

  // ------------------------------------------------------ verify: analysis
  // The pages of a revision, and what each is drawn from: page, content
  // stream, annotation array and resource objects by number -> page
  // number; each page's size (/MediaBox, inherited) by page number.
  function pageIndex(revision) {
    var index = { pages: new Map(), contents: new Map(), annots: new Map(), annotations: new Map(), resources: new Map(), sizes: new Map() };
    var seen = new Set();
    function walk(node, inheritedBox) {
      if (!isRef(node) || seen.has(node.ref) || seen.size > 100000) return;
      seen.add(node.ref);
      var value = revision.resolve(node);
      if (!value || !value.dict) return;
      var box = revision.resolve(value.dict.MediaBox) || inheritedBox;
      var kids = revision.resolve(value.dict.Kids);
      if (Array.isArray(kids)) return kids.forEach(function (kid) { walk(kid, box); });
      var page = index.pages.size + 1;
      index.pages.set(node.ref, page);
      index.sizes.set(page, box);
      var contents = value.dict.Contents;
      if (isRef(contents)) index.contents.set(contents.ref, page);
      asList(revision.resolve(contents)).forEach(function (c) { if (isRef(c)) index.contents.set(c.ref, page); });
      if (isRef(value.dict.Annots)) index.annots.set(value.dict.Annots.ref, page);
      asList(revision.resolve(value.dict.Annots)).forEach(function (a) { if (isRef(a) && !index.annotations.has(a.ref)) index.annotations.set(a.ref, page); });
      if (isRef(value.dict.Resources) && !index.resources.has(value.dict.Resources.ref)) index.resources.set(value.dict.Resources.ref, page);
    }
    walk(revision.get(revision.trailer.Root, "Pages"));
    return index;
  }

  function isSignatureField(revision, value) {
    for (var depth = 0; value && value.dict && depth < 16; depth++) {
      if (isName(value.dict.FT, "Sig")) return true;
      if (value.dict.FT !== undefined) return false;
      value = revision.resolve(value.dict.Parent);
    }
    return false;
  }
  function isSignatureWidget(revision, value) {
    return !!value && !!value.dict && isName(value.dict.Subtype, "Widget") && isSignatureField(revision, value);
  }
  // The value (/V) of the field a widget belongs to.
  function fieldValue(revision, value) {
    for (var depth = 0; value && value.dict && depth < 16; depth++) {
      if (value.dict.FT !== undefined) return value.dict.V;
      value = revision.resolve(value.dict.Parent);
    }
  }
  function isRect(rect) {
    return Array.isArray(rect) && rect.length === 4 && rect.every(function (n) { return typeof n === "number" && isFinite(n); });
  }
  function area(rect) {
    return isRect(rect) ? Math.abs((rect[2] - rect[0]) * (rect[3] - rect[1])) : 0;
  }
  // Equal as drawn: `a` of revision `now` and `b` of `before`, the objects
  // they point at compared by content (pointers up the tree by number).
  function sameResolved(a, now, b, before) {
    var compared = new Map();
    function equal(a, b, depth) {
      if (depth > 32) return false;
      var pair = isRef(a) && isRef(b) ? a.ref + " " + b.ref : null;
      if (pair !== null && compared.has(pair)) return compared.get(pair);
      if (pair !== null) compared.set(pair, true);
      var result = equalValues(now.resolve(a), before.resolve(b), depth);
      if (pair !== null) compared.set(pair, result);
      return result;
    }
    function equalValues(a, b, depth) {
      if (a === b) return true;
      if (!a || !b || typeof a !== "object" || typeof b !== "object") return false;
      if (Array.isArray(a) || Array.isArray(b)) {
        return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every(function (x, i) { return equal(x, b[i], depth + 1); });
      }
      if (!a.dict || !b.dict) return same(a, b);
      if (!!a.stream !== !!b.stream || (a.stream && !sameBytes(a.stream, b.stream))) return false;
      var keys = Object.keys(a.dict);
      return keys.length === Object.keys(b.dict).length && keys.every(function (k) {
        return k in b.dict && (UPWARD[k] ? same(a.dict[k], b.dict[k]) : equal(a.dict[k], b.dict[k], depth + 1));
      });
    }
    return equal(a, b, 0);
  }

  // What may change in an update, from the catalog down. Each role says
  // which keys of an object may differ from the object before it, and in
  // what role its children are read; an object reached in a role is at
  // home there. Everything else the update reaches (content streams,
  // resources, fonts, images, outlines...) is frozen: it must not change.
  var CATALOG_KEYS = { AcroForm: "acroform", DSS: "dss", Perms: "data", Extensions: "data", Metadata: "metadata", Pages: "pages" };
  var ACROFORM_KEYS = { Fields: "fields", SigFlags: "data", DR: "data", DA: "data" };
  var SIGNATURE_FIELD_KEYS = { V: "signature", AP: "appearance", AS: "data", MK: "data", DA: "data", F: "data", Lock: "data", SV: "data", Ff: "data", M: "data", DR: "data" };
  var SIGNATURE_FIELD_ROLES = Object.assign({ Kids: "fieldKids" }, SIGNATURE_FIELD_KEYS);
  // The keys a signer writes in a new signature field or its widget
  // (pyHanko's among them): an action (/A, /AA) or any other is refused.
  var NEW_SIGNATURE_FIELD_KEYS = new Set(["Type", "Subtype", "FT", "T", "TU", "Rect", "P", "F", "V", "AP", "AS", "MK", "DA", "DR",
    "Parent", "Kids", "Ff", "Lock", "SV", "Border", "StructParent"]);
  // What a widget draws: a new appearance, another state of it, or other
  // flags (hidden, printed) change the page.
  var DRAWING_KEYS = ["AP", "AS", "F"];
  // A new visible signature box may cover at most this share of its page.
  var LARGEST_NEW_BOX = 0.05;
  var DSS_KEYS = { Type: "data", Certs: "data", OCSPs: "data", CRLs: "data", VRI: "data" };
  var INFO_KEYS = { ModDate: "data", Producer: "data" };
  var APPEARANCE_KEYS = { N: "appearanceStream", R: "appearanceStream", D: "appearanceStream" };
  // Keys that point back up the tree, read where they point from.
  var UPWARD = { Parent: true, P: true };

  function UpdateAnalysis(update, bytes) {
    this.update = update;
    this.bytes = bytes;
    this.now = update.revision;
    this.before = update.revision.parent;
    this.index = pageIndex(this.before);
    this.indexNow = pageIndex(this.now);
    this.problems = update.problems.slice();
    this.named = new Set();
    this.accepted = new Set();
    this.refused = new Set();
    this.visited = new Set();
    this.homes = new Set();
    this.frozenQueue = [];
    this.signatures = [];
    this.timestamps = 0;
    this.validationData = new Set();
    this.drawings = [];
  }
  UpdateAnalysis.prototype.problem = function (text, num) {
    if (num !== undefined) {
      if (this.named.has(num)) return;
      this.named.add(num);
      this.refused.add(num);
    }
    if (this.problems.indexOf(text) < 0) this.problems.push(text);
  };
  // The object `num` as a reader of the previous revision would call it.
  UpdateAnalysis.prototype.describe = function (num, context) {
    var index = this.index, existed = this.before.has(num), value = this.now.resolve({ ref: num });
    var dict = value && value.dict || {}, type = nameOf(dict.Type), subtype = nameOf(dict.Subtype);
    var where = " (objek " + num + ")", usedBy = context && context.page ? " yang dipakai halaman " + context.page : "";
    if (index.contents.has(num)) return "mengganti isi halaman " + index.contents.get(num) + where;
    if (index.pages.has(num)) return "mengubah halaman " + index.pages.get(num) + where;
    if (index.annots.has(num)) return "mengubah daftar anotasi halaman " + index.annots.get(num) + where;
    if (type === "Page") return "menambah halaman" + where;
    if (type === "Pages") return "mengubah susunan halaman" + where;
    if (type === "Annot" || (subtype && dict.Rect !== undefined)) return (existed ? "mengubah anotasi " : "menambah anotasi ") + subtype + where;
    var verb = existed ? "mengubah " : "menambah ";
    if (index.resources.has(num)) return "mengubah sumber daya halaman " + index.resources.get(num) + where;
    if (type === "Font" || type === "FontDescriptor") return verb + "font" + usedBy + where;
    if (type === "XObject") return verb + "gambar atau XObject" + usedBy + where;
    if (isRef(this.before.trailer.Info) && this.before.trailer.Info.ref === num) return "mengubah informasi dokumen" + where;
    return (existed ? "mengganti objek " : "menambah objek ") + num + usedBy;
  };
  // Reads `value` (this revision's) in `role`, beside `before` (the
  // previous revision's value at the same place).
  UpdateAnalysis.prototype.visit = function (value, before, role, context) {
    context = context || {};
    var then = before === undefined ? undefined : this.before.resolve(before);
    if (!isRef(value)) return this[role](value, then, context, undefined);
    var num = value.ref, existed = this.before.has(num), samePlace = isRef(before) && before.ref === num;
    // Frozen objects are read once every role has found its objects; an
    // object of the document that data points at (a signature reference
    // to the catalog) is read in its own place.
    if (role === "frozen" || (role === "data" && existed && !samePlace)) {
      this.frozenQueue.push({ num: num, context: context });
      return;
    }
    var key = num + " " + role;
    if (this.visited.has(key)) return;
    this.visited.add(key);
    if (role !== "data") this.homes.add(num);
    var changed = this.update.changed.has(num);
    // An update may replace an object only where it stood: an object moved
    // into a signature's place is something else altered.
    if (changed && existed && !samePlace) {
      this.problem(this.describe(num, context), num);
      return;
    }
    var ok = this[role](this.now.resolve(value), then, context, num);
    if (changed) (ok ? this.accepted : this.refused).add(num);
  };
  // The children of `now`, each in the role `roles` gives its key (a
  // role for all, or by key: frozen when not named, skipped when null),
  // beside the previous value's children at the same keys.
  UpdateAnalysis.prototype.children = function (now, then, roles, context) {
    if (!now || typeof now !== "object" || isRef(now)) return;
    if (Array.isArray(now)) {
      for (var i = 0; i < now.length; i++) {
        this.visit(now[i], Array.isArray(then) ? then[i] : undefined, typeof roles === "string" ? roles : "frozen", context);
      }
      return;
    }
    if (!now.dict) return;
    for (var k in now.dict) {
      var role = typeof roles === "string" ? roles : k in roles ? roles[k] : "frozen";
      var value = now.dict[k];
      if (UPWARD[k] || role === null || value === null || typeof value !== "object") continue;
      this.visit(value, then && then.dict ? then.dict[k] : undefined, role, context);
    }
  };
  // Keys that differ from the previous revision but may not.
  UpdateAnalysis.prototype.forbidden = function (now, then, allowed) {
    return changedKeys(now && now.dict, then && then.dict).filter(function (k) { return !(k in allowed); });
  };
  // Every frozen object the roles reached, and what it reaches in turn,
  // unless it is at home in a role: unchanged.
  UpdateAnalysis.prototype.readFrozen = function () {
    var seen = new Set();
    while (this.frozenQueue.length) {
      var item = this.frozenQueue.shift(), num = item.num;
      if (this.homes.has(num) || seen.has(num)) continue;
      seen.add(num);
      if (this.update.changed.has(num)) this.problem(this.describe(num, item.context), num);
      else this.children(this.now.resolve({ ref: num }), undefined, "frozen", item.context);
    }
  };

  UpdateAnalysis.prototype.frozen = function (now, then, context) {
    this.children(now, then, "frozen", context);
    return true;
  };
  // Data a signature adds (certificates, OCSP responses, CRLs, the
  // signature's properties, an appearance's resources): new objects, or
  // the same data replaced in the same place.
  UpdateAnalysis.prototype.data = function (now, then, context) {
    this.children(now, then, "data", context);
    return true;
  };
  // An object that may differ from the previous one only in the keys
  // `roles` names; any other change is named as `what (/Key)`.
  UpdateAnalysis.prototype.changedOnlyIn = function (now, then, roles, what) {
    var self = this, wrong = this.forbidden(now, then, roles);
    wrong.forEach(function (k) { self.problem(what + " (/" + k + ")"); });
    this.children(now, then, roles, {});
    return wrong.length === 0;
  };
  UpdateAnalysis.prototype.catalog = function (now, then) {
    return this.changedOnlyIn(now, then, CATALOG_KEYS, "mengubah katalog dokumen");
  };
  // A node of the page tree: its kids stay, each page as it was but for
  // signature widgets in its /Annots.
  UpdateAnalysis.prototype.pages = function (now, then, context, num) {
    if (!now || !now.dict) return false;
    var kids = this.now.resolve(now.dict.Kids);
    if (!Array.isArray(kids)) return this.page(now, then, context, num);
    var before = then && then.dict ? this.before.resolve(then.dict.Kids) || [] : [], self = this;
    kids.forEach(function (kid) {
      var old = before.filter(function (b) { return same(b, kid); })[0];
      if (old === undefined) self.problem("menambah halaman" + (isRef(kid) ? " (objek " + kid.ref + ")" : ""), isRef(kid) ? kid.ref : undefined);
      else self.visit(kid, old, "pages", {});
    });
    if (before.some(function (b) { return !kids.some(function (k) { return same(b, k); }); })) this.problem("menghapus halaman");
    var ok = !!then && this.forbidden(now, then, {}).length === 0;
    if (!ok) this.problem(num !== undefined ? this.describe(num) : "mengubah susunan halaman", num);
    this.children(now, then, { Kids: null }, {});
    return ok;
  };
  UpdateAnalysis.prototype.page = function (now, then, context, num) {
    var page = this.index.pages.get(num);
    if (!then || !page) {
      this.problem("menambah halaman" + (num !== undefined ? " (objek " + num + ")" : ""), num);
      return false;
    }
    var self = this, wrong = this.forbidden(now, then, { Annots: "annots" });
    wrong.forEach(function (k) {
      self.problem(k === "Contents" ? "mengganti isi halaman " + page + " (objek " + num + ")"
        : k === "Resources" ? "mengubah sumber daya halaman " + page + " (objek " + num + ")"
          : "mengubah halaman " + page + " (/" + k + ", objek " + num + ")");
    });
    this.children(now, then, { Annots: "annots" }, { page: page });
    return wrong.length === 0;
  };
  // A page's annotations: those it had, and signature widgets.
  UpdateAnalysis.prototype.annots = function (now, then, context) {
    var list = Array.isArray(now) ? now : [], before = Array.isArray(then) ? then : [], self = this, ok = true;
    list.forEach(function (entry) {
      var old = before.filter(function (b) { return same(b, entry); })[0], value = self.now.resolve(entry);
      if (old !== undefined) self.visit(entry, old, "annotation", context);
      else if (isSignatureWidget(self.now, value)) self.visit(entry, undefined, "signatureField", context);
      else {
        ok = false;
        self.problem("menambah anotasi " + (nameOf(value && value.dict && value.dict.Subtype) || "tak dikenal") + " pada halaman " + context.page
          + (isRef(entry) ? " (objek " + entry.ref + ")" : ""), isRef(entry) ? entry.ref : undefined);
      }
    });
    if (before.some(function (b) { return !list.some(function (e) { return same(b, e); }); })) {
      ok = false;
      this.problem("menghapus anotasi dari halaman " + context.page);
    }
    return ok;
  };
  // An annotation a page had: a signature widget may be signed, any
  // other must stay as it was.
  UpdateAnalysis.prototype.annotation = function (now, then, context, num) {
    if (isSignatureWidget(this.now, now) && isSignatureWidget(this.before, then)) return this.signatureField(now, then, context, num);
    var ok = same(now, then);
    if (!ok) this.problem(num !== undefined ? this.describe(num, context) : "mengubah anotasi pada halaman " + context.page, num);
    this.children(now, then, "frozen", context);
    return ok;
  };
  UpdateAnalysis.prototype.acroform = function (now, then) {
    return this.changedOnlyIn(now, then, ACROFORM_KEYS, "mengubah formulir dokumen");
  };
  // The form's fields (or a field's kids): those it had, and signature
  // fields.
  UpdateAnalysis.prototype.fields = function (now, then, context) {
    var list = Array.isArray(now) ? now : [], before = Array.isArray(then) ? then : [], self = this, ok = true;
    list.forEach(function (entry) {
      var old = before.filter(function (b) { return same(b, entry); })[0];
      if (isSignatureField(self.now, self.now.resolve(entry))) self.visit(entry, old, "signatureField", context);
      else if (old !== undefined) self.visit(entry, old, "frozen", context);
      else {
        ok = false;
        self.problem("menambah isian formulir" + (isRef(entry) ? " (objek " + entry.ref + ")" : ""), isRef(entry) ? entry.ref : undefined);
      }
    });
    if (before.some(function (b) { return !list.some(function (e) { return same(b, e); }); })) {
      ok = false;
      this.problem("menghapus isian formulir");
    }
    return ok;
  };
  UpdateAnalysis.prototype.fieldKids = UpdateAnalysis.prototype.fields;
  // A signature field (and its widget): an empty one may gain a value
  // and an appearance, but not move (/Rect) or leave its page; a signed
  // one stays as it is; a new one holds only what a signer writes.
  UpdateAnalysis.prototype.signatureField = function (now, then, context, num) {
    if (!isSignatureField(this.now, now) || (then && !isSignatureField(this.before, then))) {
      this.problem(num !== undefined ? this.describe(num, context) : "mengubah kolom tanda tangan menjadi isian lain", num);
      return false;
    }
    var signed = then && then.dict.V !== undefined && then.dict.V !== null, where = num !== undefined ? ", objek " + num : "";
    var self = this, wrong = then ? this.forbidden(now, then, signed ? {} : SIGNATURE_FIELD_KEYS) : [];
    wrong.forEach(function (k) {
      self.problem("mengubah kolom tanda tangan" + (signed ? " yang sudah ditandatangani" : "") + " (/" + k + where + ")");
    });
    var unknown = then ? [] : Object.keys(now.dict).filter(function (k) { return !NEW_SIGNATURE_FIELD_KEYS.has(k); });
    unknown.forEach(function (k) { self.problem("menambah kolom tanda tangan yang memuat /" + k + (num !== undefined ? " (objek " + num + ")" : "")); });
    var drawn = !isName(now.dict.Subtype, "Widget") || this.widgetDrawing(now, then, context, num);
    this.children(now, then, SIGNATURE_FIELD_ROLES, context);
    return wrong.length === 0 && unknown.length === 0 && drawn;
  };
  // What a signature widget draws on its page: only the update that signs
  // its field may give it an appearance; a new box is named with its page
  // and share of it, and may not cover much of it.
  UpdateAnalysis.prototype.widgetDrawing = function (now, then, context, num) {
    var self = this, where = num !== undefined ? " (objek " + num + ")" : "";
    var unchanged = then ? DRAWING_KEYS.every(function (k) { return sameResolved(now.dict[k], self.now, then.dict[k], self.before); })
      : now.dict.AP === undefined;
    if (unchanged) return true;
    var value = fieldValue(this.now, now), signedHere = isRef(value) && this.update.changed.has(value.ref)
      && !(then && fieldValue(this.before, then));
    if (!signedHere) {
      this.problem((then ? "mengubah tampilan kolom tanda tangan tanpa menandatanganinya" : "menambah kolom tanda tangan bertampilan yang tidak ditandatangani") + where, num);
      return false;
    }
    var rect = this.now.resolve(now.dict.Rect);
    if (!isRect(rect)) {
      this.problem("menambah kotak tanda tangan yang /Rect-nya tak terbaca" + where, num);
      return false;
    }
    if (area(rect) === 0) return true;
    var page = (num !== undefined && this.indexNow.annotations.get(num)) || context.page;
    var share = area(rect) / (page ? area(this.index.sizes.get(page)) : 0);
    if (!isFinite(share)) {
      this.problem("menambah kotak tanda tangan tampak yang tidak berada di halaman mana pun" + where, num);
      return false;
    }
    if (!then && share > LARGEST_NEW_BOX) {
      this.problem("menambah kotak tanda tangan baru yang menutupi " + Math.ceil(share * 100) + "% halaman " + page + " (isi halaman dapat tertutup)", num);
      return false;
    }
    this.drawings.push({ page: page, percent: share < 0.01 ? "kurang dari 1%" : Math.round(share * 100) + "%", isNew: !then });
    return true;
  };
  // A signature dictionary this update writes covers the whole file as
  // it was then, except its own /Contents.
  UpdateAnalysis.prototype.signature = function (now, then, context, num) {
    var type = nameOf(now && now.dict && now.dict.Type);
    if (num === undefined || (type !== "Sig" && type !== "DocTimeStamp")) {
      this.problem(num !== undefined ? this.describe(num, context) : "menambah tanda tangan yang tidak berdiri sebagai objek", num);
      return false;
    }
    this.children(now, then, "data", context);
    if (!this.update.changed.has(num)) return true;
    var object = this.update.changed.get(num), range = now.dict.ByteRange, contents = now.dict.Contents, u = this.update;
    var covered = object.container === undefined && Array.isArray(range) && range.length === 4 && !!contents && contents.str !== undefined
      && this.bytes[contents.at] === 60 && contents.at > object.start && contents.end < object.end
      && range[0] === 0 && range[1] === contents.at && range[2] === contents.end
      && range[2] + range[3] >= u.eof && range[2] + range[3] <= u.end;
    if (!covered) {
      this.problem("menambah tanda tangan (objek " + num + ") yang /ByteRange-nya " + JSON.stringify(range)
        + " tidak mencakup seluruh berkas selain isi tanda tangannya", num);
      return false;
    }
    if (type === "DocTimeStamp") this.timestamps++;
    else this.signatures.push(num);
    return true;
  };
  UpdateAnalysis.prototype.appearance = function (now, then, context, num) {
    var wrong = Object.keys(now && now.dict || {}).filter(function (k) { return !(k in APPEARANCE_KEYS); });
    var ok = !!(now && now.dict) && wrong.length === 0;
    if (!ok) this.problem("menambah tampilan tanda tangan yang tidak dikenal" + (num !== undefined ? " (objek " + num + ")" : ""), num);
    this.children(now, then, APPEARANCE_KEYS, context);
    return ok;
  };
  // An appearance: a form XObject drawn inside the widget's box, or a
  // dictionary of them by state.
  UpdateAnalysis.prototype.appearanceStream = function (now, then, context, num) {
    if (now && now.dict && !now.stream) {
      this.children(now, then, "appearanceStream", context);
      return true;
    }
    if (!now || !now.dict || !isName(now.dict.Subtype, "Form")) {
      this.problem("menambah tampilan tanda tangan yang bukan XObject Form" + (num !== undefined ? " (objek " + num + ")" : ""), num);
      return false;
    }
    this.children(now, then, "data", context);
    return true;
  };
  UpdateAnalysis.prototype.dss = function (now, then) {
    var self = this, wrong = Object.keys(now && now.dict || {}).filter(function (k) { return !(k in DSS_KEYS); });
    wrong.forEach(function (k) { self.problem("menambah data validasi yang tidak dikenal (/DSS /" + k + ")"); });
    if (now && now.dict && !same(now, then)) {
      var kinds = { Certs: "sertifikat", OCSPs: "respons OCSP", CRLs: "CRL" }, held = this.validationData;
      Object.keys(kinds).forEach(function (k) { if (k in now.dict) held.add(kinds[k]); });
    }
    this.children(now, then, DSS_KEYS, {});
    return wrong.length === 0 && !!(now && now.dict);
  };
  UpdateAnalysis.prototype.info = function (now, then) {
    return this.changedOnlyIn(now, then, INFO_KEYS, "mengubah informasi dokumen");
  };
  // The XMP metadata a signer refreshes (dates, producer): the title,
  // author, subject and keywords must stay.
  UpdateAnalysis.prototype.metadata = function (now, then, context, num) {
    if (same(now, then)) return true;
    var a = xmpIdentity(now), b = xmpIdentity(then);
    if (a === null || a !== b) {
      this.problem("mengubah metadata dokumen (judul, pembuat, subjek atau kata kunci)" + (num !== undefined ? " (objek " + num + ")" : ""), num);
      return false;
    }
    return true;
  };
  // The fields of an XMP packet that say what the document is, each
  // written at most once (a reader could take either of two), read with
  // comments and processing instructions left out; null when a field is
  // given twice, under another prefix, or through CDATA or an entity.
  var XMP_FIELDS = { "dc:title": "http://purl.org/dc/elements/1.1/", "dc:creator": "http://purl.org/dc/elements/1.1/",
    "dc:description": "http://purl.org/dc/elements/1.1/", "dc:subject": "http://purl.org/dc/elements/1.1/",
    "pdf:Keywords": "http://ns.adobe.com/pdf/1.3/", "pdfaid:part": "http://www.aiim.org/pdfa/ns/id/",
    "pdfaid:conformance": "http://www.aiim.org/pdfa/ns/id/" };
  function xmpIdentity(value) {
    if (!value || !value.stream || value.dict.Filter !== undefined) return null;
    var xml = new TextDecoder("utf-8").decode(value.stream).replace(/<!--[\s\S]*?-->/g, " ").replace(/<\?[\s\S]*?\?>/g, " ");
    if (/<!\[CDATA\[|<!DOCTYPE|<!ENTITY/i.test(xml)) return null;
    var prefixes = {};
    Object.keys(XMP_FIELDS).forEach(function (tag) { prefixes[XMP_FIELDS[tag]] = tag.split(":")[0]; });
    var declaration = /xmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g, found;
    while ((found = declaration.exec(xml))) {
      var uri = found[2] !== undefined ? found[2] : found[3];
      if (uri in prefixes && found[1] !== prefixes[uri]) return null;
    }
    var fields = [];
    for (var tag in XMP_FIELDS) {
      var elements = xml.match(new RegExp("<" + tag + "[\\s/>]", "g")) || [];
      var attributes = xml.match(new RegExp("[\\s\"']" + tag + "\\s*=", "g")) || [];
      if (elements.length + attributes.length > 1) return null;
      var element = new RegExp("<" + tag + "(\\s[^>]*)?>([\\s\\S]*?)</" + tag + "\\s*>").exec(xml);
      var attribute = new RegExp("[\\s\"']" + tag + "\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')").exec(xml);
      if (elements.length && !element) return null;
      var text = element ? element[2] : attribute ? (attribute[1] !== undefined ? attribute[1] : attribute[2]) : "";
      fields.push(text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim());
    }
    return fields.join("\n");
  }

  // Reads one update against the revision before it.
  function analyseUpdate(update, bytes) {
    var analysis = new UpdateAnalysis(update, bytes), trailer = update.revision.trailer;
    analysis.visit(trailer.Root, analysis.before.trailer.Root, "catalog", {});
    if (trailer.Info !== undefined) analysis.visit(trailer.Info, analysis.before.trailer.Info, "info", {});
    analysis.readFrozen();
    update.changed.forEach(function (object, num) {
      if (!analysis.accepted.has(num) && !analysis.refused.has(num)) analysis.problem(analysis.describe(num), num);
    });
    return analysis;
  }

  // ------------------------------------------------------ verify: verdict
  function versionName(candidate) {
    return (candidate.versi === null ? "draf" : "versi " + candidate.versi) + (candidate.terbit ? " (terbit " + candidate.terbit + ")" : "");
  }
  function current(candidates) { return candidates.filter(function (c) { return c.status === "berlaku"; })[0]; }
  // What the version's status says, for a file that holds it.
  function statusWording(candidate, candidates, signed) {
    // Only what the page checked: the signature's own bytes are not read.
    var subject = signed ? "Salinan yang ditandatangani dari " : "";
    if (candidate.status === "draf") {
      return { className: "draf", text: (signed ? "Salinan yang ditandatangani dari draf" : "Cocok dengan draf") + " yang belum diterbitkan: BUKAN dokumen resmi." };
    }
    if (candidate.status === "digantikan") {
      var now = current(candidates);
      return {
        className: "cocok",
        text: (signed ? subject : "Cocok dengan ") + versionName(candidate) + ", sudah digantikan oleh versi " + candidate.digantikan_oleh
          + (candidate.sejak ? " sejak " + candidate.sejak : "") + ".",
        link: now && now.pdf ? { href: now.pdf, text: "Unduh versi yang berlaku: " + versionName(now) + "." } : null,
      };
    }
    return { className: "cocok", text: signed ? subject + versionName(candidate) + "." : "Cocok: dokumen resmi, " + versionName(candidate) + "." };
  }
  function joinWords(list) {
    return list.length < 2 ? list.join("") : list.slice(0, -1).join(", ") + " dan " + list[list.length - 1];
  }
  // What the updates of a signed copy hold, in words, and what their
  // signature boxes draw on the pages.
  function signedContents(analyses, original) {
    var signatures = 0, timestamps = 0, dss = new Set(), drawings = [];
    analyses.forEach(function (a) {
      signatures += a.signatures.length;
      timestamps += a.timestamps;
      a.validationData.forEach(function (kind) { dss.add(kind); });
      a.drawings.forEach(function (d) {
        var words = (d.isNew ? "kotak tanda tangan tampak baru di halaman " : "tampilan baru kotak tanda tangan yang sudah ada di halaman ")
          + d.page + " (seluas " + d.percent + " halaman)";
        if (drawings.indexOf(words) < 0) drawings.push(words);
      });
    });
    var parts = [];
    if (signatures) parts.push(signatures + " tanda tangan elektronik");
    if (timestamps) parts.push(timestamps === 1 ? "cap waktu dokumen" : timestamps + " cap waktu dokumen");
    if (dss.size) parts.push("data validasi jangka panjang (DSS: " + joinWords(Array.from(dss)) + ")");
    var text = parts.length ? "Isinya sama dengan " + original + ": tambahan di akhir berkas hanya memuat " + joinWords(parts) + "; " : "";
    text += drawings.length
      ? "isi halamannya tidak diganti, tetapi tanda tangan menggambar di atasnya: " + joinWords(drawings)
        + ". Gambar di dalam kotak itu tidak diperiksa: pastikan kotaknya tidak menutupi isi dokumen."
      : "halaman-halamannya sama dengan " + original + ".";
    return { text: text, any: signatures + timestamps > 0 };
  }
  var TTE_NOTE = " Keabsahan tanda tangannya tidak diperiksa di halaman ini: halaman ini tidak membaca isi tanda tangan (sertifikat, siapa yang menandatangani, kapan, dan apakah tanda tangan itu sah untuk berkas ini). Periksa di layanan verifikasi TTE resmi (BSrE): unggah berkas yang sama di sana, atau buka berkas ini dengan pembaca PDF yang menampilkan tanda tangan.";

  function sizeOf(n) { return n.toLocaleString("id-ID") + " bita"; }

  // The version whose bytes begin `bytes` (a copy with updates appended).
  function versionAtStart(bytes, candidates) {
    var digests = new Map();
    return candidates.filter(function (c) {
      if (!(c.panjang > 0 && c.panjang < bytes.length)) return false;
      if (!digests.has(c.panjang)) digests.set(c.panjang, sha256(bytes.subarray(0, c.panjang)));
      return digests.get(c.panjang) === c.sha256;
    })[0];
  }

  // Reads what is appended after the official bytes: the problems in
  // words (by update), and what the updates hold.
  async function readAppended(bytes, base) {
    var official = await readOfficial(bytes.subarray(0, base.panjang));
    var read = await readUpdates(bytes, base.panjang, official), analyses = [], problems = [];
    var original = base.status === "draf" ? "draf itu" : "versi resmi itu";
    read.updates.forEach(function (update, i) {
      var signedBefore = signedContents(analyses, original).any, analysis = analyseUpdate(update, bytes);
      analyses.push(analysis);
      if (!analysis.problems.length) return;
      var which = "tambahan" + (read.updates.length > 1 ? " ke-" + (i + 1) : "") + " di akhir berkas" + (signedBefore ? " (setelah tanda tangan)" : "");
      var shown = analysis.problems.slice(0, 4), more = analysis.problems.length - shown.length;
      problems.push(which + " " + shown.join(", ") + (more ? ", dan " + more + " perubahan lain" : ""));
    });
    if (read.unknown) {
      var rest = bytes.length - read.unknown.at, tail = latin1(bytes, read.unknown.at, bytes.length);
      problems.push(sizeOf(rest) + " tak dikenal " + (tail.indexOf("%%EOF") < 0 ? "di akhir berkas"
        : "mulai bita " + read.unknown.at + " (" + read.unknown.reason + ")"));
    }
    var contents = signedContents(analyses, original);
    if (!problems.length && !contents.any) problems.push("tambahan di akhir berkas tidak memuat tanda tangan elektronik");
    return { problems: problems, contents: contents };
  }

  // The verdict on `bytes` against every version a file may be.
  async function verdict(bytes, candidates) {
    var digest = sha256(bytes);
    var exact = candidates.filter(function (c) { return c.sha256 === digest; })[0];
    if (exact) {
      var wording = statusWording(exact, candidates, false);
      wording.text += " Sidik jari SHA-256 berkas ini sama persis: " + digest + ".";
      return wording;
    }
    var base = versionAtStart(bytes, candidates);
    if (!base) return noMatch(bytes, candidates, digest);
    var refused = "Tidak cocok: berkas ini berawal dengan " + versionName(base) + ", tetapi ", appended;
    try {
      appended = await readAppended(bytes, base);
    } catch (e) {
      return { className: "tidak-cocok", text: refused + "berkas tidak dapat dibaca sepenuhnya (" + e.message + ")." };
    }
    if (appended.problems.length) {
      return { className: "tidak-cocok", text: refused + appended.problems.join("; ") + ". Isi berkas ini dapat berbeda dari dokumen resmi." };
    }
    var signed = statusWording(base, candidates, true);
    signed.text += " " + appended.contents.text + TTE_NOTE;
    return signed;
  }
  function noMatch(bytes, candidates, digest) {
    var text = "Tidak cocok: berkas ini bukan versi mana pun dari dokumen ini, atau telah diubah (SHA-256 " + digest + ").";
    var longest = candidates.reduce(function (a, c) { return c.panjang > (a ? a.panjang : 0) ? c : a; }, null);
    var tail = latin1(bytes, Math.max(0, bytes.length - 32), bytes.length);
    if (longest && bytes.length < longest.panjang && !/%%EOF\s*$/.test(tail)) {
      text += " Berkas ini tidak berakhir dengan %%EOF: tampaknya terpotong (" + sizeOf(bytes.length) + ", " + versionName(longest) + " " + sizeOf(longest.panjang) + ").";
    }
    return { className: "tidak-cocok", text: text };
  }

  function setUpVerification() {
    var input = document.getElementById("berkas"), versions = document.getElementById("versi-dokumen");
    if (!input || !versions) return;
    var answer = document.getElementById("hasil-periksa"), candidates = JSON.parse(versions.textContent);
    function show(result) {
      answer.className = result.className;
      answer.textContent = result.text;
      if (result.link) {
        var a = document.createElement("a");
        a.href = result.link.href;
        a.textContent = result.link.text;
        answer.appendChild(document.createTextNode(" "));
        answer.appendChild(a);
      }
    }
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      answer.className = "";
      answer.textContent = "Memeriksa berkas…";
      file.arrayBuffer()
        .then(function (buffer) { return verdict(new Uint8Array(buffer), candidates); })
        .catch(function (e) { return { className: "tidak-cocok", text: "Tidak cocok: berkas tidak dapat dibaca sepenuhnya (" + (e && e.message || e) + ")." }; })
        .then(show);
    });
  }

  // ---------------------------------------------------------------- sort
  // The list as built is grouped by unit, sorted by nomor (and so works
  // without script); sorted otherwise, its cards move into one list, and
  // back into their units, in their first order, when sorted by unit again.
  function setUpSorting() {
    var box = document.getElementById("urut"), select = document.getElementById("urut-menurut");
    var flat = document.getElementById("urutan");
    if (!box || !select || !flat) return;
    box.hidden = false;
    var cards = Array.prototype.slice.call(document.querySelectorAll("#daftar .unit .kartu"));
    var homes = cards.map(function (card) { return card.parentNode; });
    function text(card, selector) { var e = card.querySelector(selector); return e ? e.textContent.trim() : ""; }
    var keys = {
      nomor: function (a, b) { return text(a, ".nomor").localeCompare(text(b, ".nomor"), "id", { numeric: true }); },
      nama: function (a, b) { return text(a, ".nama").localeCompare(text(b, ".nama"), "id", { numeric: true, sensitivity: "base" }); },
      tanggal: function (a, b) {
        var x = a.querySelector("time").getAttribute("datetime"), y = b.querySelector("time").getAttribute("datetime");
        return x < y ? 1 : x > y ? -1 : 0;
      }
    };
    select.addEventListener("change", function () {
      var order = keys[select.value];
      var fragment = document.createDocumentFragment();
      if (order) {
        cards.slice().sort(function (a, b) { return order(a, b) || cards.indexOf(a) - cards.indexOf(b); })
          .forEach(function (card) { fragment.appendChild(card); });
        flat.appendChild(fragment);
      } else {
        cards.forEach(function (card, i) { homes[i].appendChild(card); });
      }
      flat.hidden = !order;
      var sections = document.querySelectorAll("#daftar .unit");
      for (var s = 0; s < sections.length; s++) sections[s].hidden = !!order || !sections[s].querySelector(".kartu:not([hidden])");
    });
  }

  setUpSorting();
  setUpSearch();
  setUpZoom();
  setUpVerification();
})();
