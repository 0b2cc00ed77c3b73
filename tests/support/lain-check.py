#!/usr/bin/env python3
"""Imports every workbook that fixtures/legacy/lain.py wrote into DIR with
the sopkit binary BIN, compares the definition(s) with NAME.expect.json and
prints every difference; exits 1 when there is one (or an import failed).
tests/cli/import.rs runs it.

    python3 tests/support/lain-check.py BIN DIR
"""
import datetime, glob, json, os, re, shutil, subprocess, sys
import yaml
BIN = os.path.abspath(sys.argv[1])
HERE = os.path.abspath(sys.argv[2])
os.chdir(HERE)

def sh(*a, cwd=HERE):
    p = subprocess.run(a, capture_output=True, text=True, cwd=cwd, env=dict(os.environ, LANG="C"))
    return p.returncode, p.stdout + p.stderr

def norm(v):
    if isinstance(v, (datetime.date,)):
        return v.isoformat()
    return v if v is None else str(v)

def compare(got, exp):
    diffs = []
    for key in ("nomor", "nama", "tanggal_pembuatan", "tanggal_efektif", "dasar_hukum", "kualifikasi_pelaksana",
                "keterkaitan", "peralatan_perlengkapan", "peringatan", "pencatatan_pendataan"):
        g, e = got.get(key), exp.get(key)
        if isinstance(e, list):
            if [str(x) for x in (g or [])] != e:
                diffs.append(f"{key}: got {g!r} expected {e!r}")
        elif norm(g) != norm(e):
            diffs.append(f"{key}: got {g!r} expected {e!r}")
    if exp.get("tanggal_revisi") is None and got.get("tanggal_revisi") not in (None, "-"):
        diffs.append(f"tanggal_revisi: got {got.get('tanggal_revisi')!r} expected absent/-")
    gd, ed = got.get("disahkan_oleh") or {}, exp.get("disahkan_oleh") or {}
    for k in ("jabatan", "nama", "nip", "pangkat"):
        if norm(gd.get(k)) != norm(ed.get(k)):
            diffs.append(f"disahkan_oleh.{k}: got {gd.get(k)!r} expected {ed.get(k)!r}")
    lanes = got.get("pelaksana") or {}
    if list(lanes.values()) != exp["actors"]:
        diffs.append(f"pelaksana: got {list(lanes.values())!r} expected {exp['actors']!r}")
    steps = got.get("langkah") or []
    if len(steps) != len(exp["steps"]):
        diffs.append(f"langkah: {len(steps)} steps, expected {len(exp['steps'])}")
    ids = {s.get("id"): i for i, s in enumerate(steps, 1) if s.get("id")}
    for i, (g, e) in enumerate(zip(steps, exp["steps"]), 1):
        p = g.get("pelaksana"); p = p if isinstance(p, list) else [p]
        gl = [lanes.get(x, x) for x in p]
        if gl != e["pelaksana"]:
            diffs.append(f"step {i} pelaksana: got {gl} expected {e['pelaksana']}")
        for k in ("kegiatan", "kelengkapan", "waktu", "output", "keterangan"):
            if norm(g.get(k)) != norm(e.get(k)):
                diffs.append(f"step {i} {k}: got {g.get(k)!r} expected {e.get(k)!r}")
        kp = g.get("keputusan")
        if kp is not None or e.get("keputusan"):
            if isinstance(kp, dict):
                kp = {("Ya" if a == "ya" else "Tidak" if a == "tidak" else a): b for a, b in kp.items()}
            elif isinstance(kp, list):
                kp = {d["label"]: d["ke"] for d in kp}
            kp = {a: ids.get(b, b) for a, b in (kp or {}).items()}
            ek = e.get("keputusan") or {}
            # Ya/Tidak labels: accept ya/tidak mapping for first/second
            if kp != ek and not (len(kp) == 2 and sorted(kp.values()) == sorted(ek.values())
                                 and set(kp) == {"Ya", "Tidak"} and list(ek.values())[0] == kp["Ya"]):
                diffs.append(f"step {i} keputusan: got {kp} expected {ek}")
        if g.get("lanjut") is not None:
            diffs.append(f"step {i} has lanjut: {g.get('lanjut')!r}")
    return diffs

def main():
    failed = 0
    files = sorted(glob.glob("*.xlsx") + glob.glob("*.ods") + glob.glob("*.xls"))
    os.makedirs("out", exist_ok=True)
    for f in files:
        name = os.path.splitext(os.path.basename(f))[0]
        out = os.path.join("out", name)
        shutil.rmtree(out, ignore_errors=True); os.makedirs(out)
        rc, log = sh(BIN, "import", f, "-o", out)
        open(os.path.join(out, "import.log"), "w").write(log)
        exp = json.load(open(f"{name}.expect.json"))
        exps = exp if isinstance(exp, list) else [exp]
        ymls = sorted(glob.glob(out + "/*.yaml"))
        print(f"=== {name}: rc={rc} files={len(ymls)} (expected {len(exps)})")
        if len(ymls) != len(exps):
            failed += 1
        if rc != 0:
            print("   ", log.strip().replace("\n", "\n    ")[:1500])
            failed += 1
            continue
        gots = [yaml.safe_load(open(y)) for y in ymls]
        for e in exps:
            g = next((g for g in gots if g.get("nama") == e["nama"]), gots[0] if len(gots) == 1 else None)
            if g is None:
                print(f"   no definition named {e['nama']!r}; names: {[x.get('nama') for x in gots]}")
                failed += 1
                continue
            for d in compare(g, e):
                print("   DIFF", d)
                failed += 1
        guessed = re.findall(r"guessed, check these \((\d+)\)", log)
        fill = re.findall(r"to fill in \((\d+)\)", log)
        notimp = re.findall(r"not imported \((\d+)\)", log)
        print(f"    report: guessed={guessed} to-fill={fill} not-imported={notimp}")
    print(f"{len(files)} workbooks, {failed} difference(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
