"""``python -m workbench.training WHAT`` — rebuild a shipped model (WHAT: parser, checkworthiness,
checkworthiness-debate, known or inflections)."""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from workbench.training import checkworthiness as checkworthiness_training
from workbench.training import parser as parser_training


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m workbench.training")
    sub = ap.add_subparsers(dest="what", required=True)
    p = sub.add_parser("parser", help="train the UD English-EWT pipeline")
    p.add_argument("--data", type=Path, default=parser_training.DEFAULT_DATA)
    p.add_argument("--work", type=Path, default=None, help="keep intermediate files here")
    k = sub.add_parser("known", help="train the claim-matching re-ranker")
    k.add_argument("--work", type=Path, default=None, help="keep the training database here")
    c = sub.add_parser("checkworthiness", help="train the check-worthiness model")
    c.add_argument("--data", type=Path, default=checkworthiness_training.DEFAULT_DATA)
    c.add_argument("--out", type=Path, default=checkworthiness_training.MODEL_PATH)
    d = sub.add_parser("checkworthiness-debate", help="train debate mode (transcripts)")
    d.add_argument("--data", type=Path, default=checkworthiness_training.DEFAULT_DATA)
    i = sub.add_parser("inflections", help="the gerund table of UD English-EWT")
    i.add_argument("--data", type=Path, default=parser_training.DEFAULT_DATA)
    args = ap.parse_args()
    if args.what == "parser":
        work = args.work or Path(tempfile.mkdtemp(prefix="workbench-parser-"))
        print(json.dumps(parser_training.train(args.data, work), indent=2))
    if args.what == "known":
        from workbench.training import known

        work = args.work or Path(tempfile.mkdtemp(prefix="workbench-known-"))
        print(json.dumps(known.train(work), indent=2))
    if args.what == "checkworthiness":
        print(json.dumps(checkworthiness_training.train(args.data, args.out), indent=2))
    if args.what == "checkworthiness-debate":
        from workbench.training import checkworthiness_debate

        print(json.dumps(checkworthiness_debate.train(args.data), indent=2))
    if args.what == "inflections":
        from workbench.training import inflections

        print(json.dumps(inflections.build(args.data), indent=2))


if __name__ == "__main__":
    main()
