"""Debate mode: a transcript's lines scored in their context (speaker, interjections,
neighbours), and the shipped model's recorded figures reproduced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.conftest import Run
from workbench.extract.checkworthy_debate import (
    DEBATE_MODEL_PATH,
    FEATURES,
    Turn,
    read_transcript,
    score_transcript,
    units,
)
from workbench.training import checkworthiness_debate as training

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "checkworthiness"

# A town-hall transcript of our own: a moderator asks, the candidate answers with a figure
# and is interrupted by applause in mid-sentence.
TOWN_HALL = [
    ("MODERATOR", "Good evening and welcome to the town hall."),
    ("MODERATOR", "Senator, what would you do about the cost of child care?"),
    ("CANDIDATE", "Thank you, it is great to be here."),
    ("CANDIDATE", "Child care costs in this state rose 38 percent between 2015 and 2023"),
    ("SYSTEM", "[Applause]"),
    ("CANDIDATE", ", more than twice as fast as wages did over the same years."),
    ("CANDIDATE", "I voted for the 2019 credit that cut those costs by $2,000 a family."),
    ("CANDIDATE", "We can do better, and we will."),
    ("SYSTEM", "[Applause]"),
    ("MODERATOR", "Thank you, Senator."),
]


def test_an_interjection_inside_a_sentence_belongs_to_it() -> None:
    unit = units([(s, t) for s, t in TOWN_HALL])
    assert unit[3] == unit[4] == unit[5]  # the figure, the applause, the sentence's end
    assert len({unit[3], unit[2], unit[6], unit[7], unit[8]}) == 5
    assert unit[0] != unit[1]


def test_the_candidates_figures_rank_above_the_moderator_and_the_pleasantries() -> None:
    scores = score_transcript(TOWN_HALL)
    figures = [scores[3], scores[5], scores[6]]
    others = [scores[0], scores[1], scores[2], scores[7], scores[9]]
    assert min(figures) > max(others)
    # the applause inside the figure's sentence ranks above the applause between sentences
    assert scores[4] > scores[8]


def test_scores_are_one_per_line_bounded_and_in_order() -> None:
    scores = score_transcript(TOWN_HALL)
    assert len(scores) == len(TOWN_HALL)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert score_transcript([]) == []
    assert score_transcript(TOWN_HALL[:2] + TOWN_HALL[2:]) == scores


def test_the_shipped_model_is_small_and_names_its_features() -> None:
    # (that it scores without scikit-learn is checked with the article model, in
    # test_checkworthy.py, in the same subprocess)
    assert DEBATE_MODEL_PATH.stat().st_size < 5_000_000
    model = json.loads(DEBATE_MODEL_PATH.read_text(encoding="utf-8"))
    assert model["features"] == list(FEATURES)


def test_average_precision_follows_the_checkthat_scorer() -> None:
    # Ties keep file order (the scorer's stable sort); precision is taken at each
    # check-worthy line and averaged over all of them.
    assert training.average_precision([0.9, 0.5, 0.5, 0.1], [False, False, True, True]) == (
        pytest.approx((1 / 3 + 2 / 4) / 2)
    )
    assert training.average_precision([0.5, 0.5], [False, True]) == pytest.approx(0.5)
    assert training.average_precision([0.2, 0.1], [False, False]) == 0.0


@pytest.mark.skipif(not DATA.is_dir(), reason=f"no check-worthiness data at {DATA}")
def test_shipped_model_reproduces_its_recorded_dev_figure_on_one_debate() -> None:
    # The training command records each dev debate's AP under the model it wrote; scoring
    # the shortest debate again at run time must give the same AP (a feature changed under
    # the weights would fail here).
    recorded = json.loads(DEBATE_MODEL_PATH.read_text(encoding="utf-8"))["figures"]
    per_debate = recorded["report_ct2021_dev AP by debate"]
    dev = training.debates(DATA / "ct2021_t1b_en" / "dev")
    name = min(dev, key=lambda n: len(dev[n]))
    lines = dev[name]
    ap = training.average_precision(
        score_transcript([(s, t) for s, t, _ in lines]), [y for *_, y in lines]
    )
    assert ap == pytest.approx(per_debate[name], abs=1e-4)


def test_a_transcript_is_read_in_each_of_its_formats() -> None:
    text = (
        "SEN. ANN LEE, D-OH: We cut the deficit by $80 billion\n"
        "\n"
        "[Applause]\n"
        "and we did it in two years.\n"
        "Moderator\tThank you, Senator.\n"
        "12\tBOB\tNo, it was three years.\t0\n"
        "Note that: this line has no speaker of its own.\n"
    )
    assert read_transcript(text) == [
        Turn(1, "SEN. ANN LEE, D-OH", "We cut the deficit by $80 billion"),
        Turn(3, "", "[Applause]"),
        Turn(4, "SEN. ANN LEE, D-OH", "and we did it in two years."),
        Turn(5, "Moderator", "Thank you, Senator."),
        Turn(6, "BOB", "No, it was three years."),
        Turn(7, "BOB", "Note that: this line has no speaker of its own."),
    ]


def test_transcript_command_ranks_the_lines_most_check_worthy_first(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "town-hall.txt"
    path.write_text("\n".join(f"{s}: {t}" if s != "SYSTEM" else t for s, t in TOWN_HALL))
    out = run.json("transcript", str(path), "--json")
    assert sorted(item["line"] for item in out) == list(range(1, len(TOWN_HALL) + 1))
    scores = [item["checkworthiness"] for item in out]
    assert scores == sorted(scores, reverse=True)
    assert out[0]["text"] == TOWN_HALL[6][1] and out[0]["speaker"] == "CANDIDATE"
    assert {item["checkworthiness_level"] for item in out} <= {"high", "medium", "low"}
    plain = run("transcript", str(path))
    assert plain.exit_code == 0
    assert plain.stdout.splitlines()[0].split()[:3] == [
        out[0]["checkworthiness_level"],
        "7",
        "CANDIDATE:",
    ]
    assert not db_path.exists()  # no database is made or touched


def test_transcript_command_refuses_a_transcript_without_lines(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n  \n")
    result = run("transcript", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    assert result.stdout == ""


def test_transcript_command_reads_a_transcript_from_a_url(run: Run, httpserver: HTTPServer) -> None:
    body = "\n".join(f"{s}: {t}" if s != "SYSTEM" else t for s, t in TOWN_HALL)
    httpserver.expect_request("/town-hall.txt").respond_with_data(
        body, content_type="text/plain; charset=utf-8"
    )
    out = run.json("transcript", httpserver.url_for("/town-hall.txt"), "--allow-private", "--json")
    assert out[0]["line"] == 7
    assert len(out) == len(TOWN_HALL)
    refused = run("transcript", httpserver.url_for("/town-hall.txt"))  # loopback, not allowed
    assert refused.exit_code == 1 and refused.stderr.startswith("error: ")
