#!/usr/bin/env python3
"""The stock Typst compiler for the tests: compiles SRC into OUT with the
PyPI package `typst` (typst-py, a prebuilt binding of the same Typst
compiler as `typst-cli`), when the `typst` CLI itself is not installed.

usage: stock-typst.py --root DIR --font-path DIR [--pdf-standard a-2b] SRC OUT
Ignores system fonts, as `typst compile --ignore-system-fonts` does.
"""
import argparse
import sys

try:
    import typst
except ImportError:
    sys.exit("the PyPI package `typst` is needed by the tests: python3 -m pip install 'typst==0.15.2'")

parser = argparse.ArgumentParser()
parser.add_argument("--root", required=True)
parser.add_argument("--font-path", action="append", default=[])
parser.add_argument("--pdf-standard", action="append", default=[])
parser.add_argument("source")
parser.add_argument("output")
args = parser.parse_args()
try:
    typst.compile(
        args.source,
        output=args.output,
        root=args.root,
        font_paths=args.font_path,
        ignore_system_fonts=True,
        pdf_standards=args.pdf_standard,
    )
except Exception as error:  # typst-py raises its own error types
    sys.exit(f"typst: {error}")
