"""Train the tagger, morphologizer, lemmatizer and dependency parser on UD English-EWT.

One command reproduces the pipeline that ships in ``workbench/_models/parser``::

    python -m workbench.training parser [--data ../shared/data/ud-english-ewt]

It converts the treebank with ``spacy convert`` (10 sentences a document), trains with
``parser.cfg`` beside this file (spaCy's efficiency config, the parser narrowed as in
spaCy's small English pipelines), evaluates the best model on EWT *test* (never used for
selection) and copies it into the package with its licence and scores.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

CONFIG = Path(__file__).with_name("parser.cfg")
PACKAGE_MODEL = Path(__file__).resolve().parent.parent / "_models" / "parser"
DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "ud-english-ewt"


def _run(*args: str) -> None:
    print("+", " ".join(args), file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "spacy", *args], check=True)


def train(data: Path, work: Path, out: Path = PACKAGE_MODEL) -> dict:
    """Train on ``data`` in ``work``; copy the best model to ``out``; return test scores."""
    corpus = work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev", "test"):
        target = corpus / f"en_ewt-ud-{split}.spacy"
        if not target.exists():
            _run(
                "convert",
                str(data / f"en_ewt-ud-{split}.conllu"),
                str(corpus),
                "--converter",
                "conllu",
                "--n-sents",
                "10",
            )
    _run(
        "train",
        str(CONFIG),
        "--output",
        str(work / "output"),
        "--paths.train",
        str(corpus / "en_ewt-ud-train.spacy"),
        "--paths.dev",
        str(corpus / "en_ewt-ud-dev.spacy"),
    )
    best = work / "output" / "model-best"
    scores_file = work / "test-scores.json"
    _run("evaluate", str(best), str(corpus / "en_ewt-ud-test.spacy"), "--output", str(scores_file))
    scores = json.loads(scores_file.read_text())
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    shutil.copy(data / "LICENSE.txt", out / "LICENSE.txt")
    keep = {
        k: scores[k]
        for k in ("tag_acc", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f")
        if k in scores
    }
    (out / "test-scores.json").write_text(json.dumps(keep, indent=2) + "\n")
    return keep
