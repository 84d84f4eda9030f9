"""The continuation ranking: the tree ensemble evaluates as fitted, ships with the package, and puts first
what the draft already wrote."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from drafter.errors import InputError
from phrasebank import Bank, open_banks, ranking
from phrasebank.continuations import Continuation, profile_rows
from phrasebank.protocol import Session
from tests._phrasebank_fixtures import mine_bodies_bank

COUNTY = {"year": 2026, "org": "某某县人民政府", "short": "我县"}


def _stump_forest(feature: str, threshold: float, low: float, high: float, base: float = 0.5) -> dict:
    """Two trees: a stump on one feature and a lone leaf, in the JSON form the fit script writes."""
    f = ranking.FEATURES.index(feature)
    return {
        "version": 1,
        "features": list(ranking.FEATURES),
        "base": base,
        "depth": 2,
        "trees": [
            {
                "feature": [f, 0, 0],
                "threshold": [threshold, 0.0, 0.0],
                "left": [1, 0, 0],
                "right": [2, 0, 0],
                "leaf": [0, 1, 1],
                "value": [0.0, low, high],
            },
            {"feature": [0], "threshold": [0.0], "left": [0], "right": [0], "leaf": [1], "value": [0.25]},
        ],
    }


def test_trees_are_walked_as_written() -> None:
    forest = ranking.forest_from_json(_stump_forest("draft_count", 0.5, -1.0, 2.0))
    x = np.zeros((3, len(ranking.FEATURES)))
    x[1, ranking.FEATURES.index("draft_count")] = 0.7
    x[2, ranking.FEATURES.index("draft_count")] = 0.5  # on the threshold: left, as scikit-learn does
    assert forest.predict(x).tolist() == [0.5 - 1.0 + 0.25, 0.5 + 2.0 + 0.25, 0.5 - 1.0 + 0.25]
    assert ranking.forest_from_json(forest.to_json()).predict(x).tolist() == forest.predict(x).tolist()


def test_a_logistic_model_gives_the_chance_times_the_characters_saved() -> None:
    doc = _stump_forest("draft_count", 0.5, -1.0, 2.0, base=0.0)
    doc["link"] = "logistic"
    forest = ranking.forest_from_json(doc)
    x = np.zeros((2, len(ranking.FEATURES)))
    x[1, ranking.FEATURES.index("draft_count")] = 0.7
    lengths = np.asarray([5.0, 3.0])
    raw = np.asarray([-1.0 + 0.25, 2.0 + 0.25])
    assert np.allclose(forest.savings(x, lengths), (lengths - 1) / (1 + np.exp(-raw)))
    # a regression model's sum is the saving itself; the link survives the JSON round trip
    assert np.allclose(
        ranking.forest_from_json(_stump_forest("draft_count", 0.5, -1.0, 2.0)).savings(x, lengths), raw + 0.5
    )
    assert ranking.forest_from_json(forest.to_json()).link == "logistic"


def test_a_model_of_other_features_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _stump_forest("draft_count", 0.5, -1.0, 2.0)
    doc["features"] = [*doc["features"][:-1], "something_else"]
    bad = tmp_path / "model.json"
    bad.write_text(json.dumps(doc), "utf-8")
    monkeypatch.setenv("DRAFTER_CONTINUATION_RANKING", str(bad))
    with pytest.raises(InputError, match="损坏或版本不符"):
        ranking.forest()
    doc = _stump_forest("draft_count", 0.5, -1.0, 2.0)
    doc["link"] = "softmax"
    odd = tmp_path / "odd-link.json"
    odd.write_text(json.dumps(doc), "utf-8")
    monkeypatch.setenv("DRAFTER_CONTINUATION_RANKING", str(odd))
    with pytest.raises(InputError, match="损坏或版本不符"):
        ranking.forest()
    monkeypatch.setenv("DRAFTER_CONTINUATION_RANKING", str(tmp_path / "missing.json"))
    with pytest.raises(InputError, match="无法读取"):
        ranking.forest()


def test_the_shipped_model_matches_the_features() -> None:
    forest = ranking.forest_from_json(json.loads(ranking.model_path().read_text("utf-8")))
    assert forest.names == ranking.FEATURES
    assert forest.feature.shape[0] >= 50  # a real ensemble, not a placeholder
    profile = profile_rows([3, 1], np.array([[1.0], [0.5]]), np.array([4.0, 9.0]), np.array([2.0, 4.0]))[0]
    cands = [
        ranking.Candidate(Continuation("政执法", 3, False, 0.6, 2, 0, (0, 1), 1, profile), "政执法", False),
        ranking.Candidate(Continuation("政", 1, False, 0.1, 1, 0, (0,), 1), "政", True),
    ]
    x = ranking.features(cands, "严格规范公正文明执法，推进行", 0, "", False, "")
    assert x.shape == (2, len(ranking.FEATURES)) and np.isfinite(x).all()
    assert np.isfinite(forest.predict(x)).all()
    # the profile of a length between two used ones is that of the shorter one; unused ones are -1
    i2 = ranking.FEATURES.index("share_2")
    assert x[0, i2] == 0.5 and x[0, ranking.FEATURES.index("share_4")] == 1.0 and x[1, i2] == -1.0


@pytest.mark.parametrize(
    ("name", "step"),
    [
        ("log_probability", 1.0),
        ("log_probability_vs_best", 1.0),
        ("depth", 1.0),
        ("depth_vs_deepest", 0.1),
        ("log_reports", 0.5),
        ("probability_rank", -1.0),
    ],
)
def test_the_shipped_model_never_ranks_more_evidence_lower(name: str, step: float) -> None:
    """A small bank (a county mining its own few reports) has contexts far more certain than any seen in
    training: a candidate a million times less likely than the best must not come out ahead of it."""
    forest = ranking.forest_from_json(json.loads(ranking.model_path().read_text("utf-8")))
    rng = np.random.default_rng(7)
    profile = profile_rows([4], np.array([[1.0]]), np.array([4.0]), np.array([4.0]))[0]
    rows = []
    for _ in range(60):
        p = float(rng.uniform(1e-7, 0.9))
        depth = int(rng.integers(1, 12))
        cands = [
            ranking.Candidate(
                Continuation("复议和行政应诉", 7, True, 0.9, 4, 0, (0, 1, 2, 3), 3, profile),
                "复议和行政应诉",
                False,
            ),
            ranking.Candidate(
                Continuation("机关负责人出庭", depth, False, p, 4, 0, (0, 1, 2, 3), 2, profile),
                "机关负责人出庭",
                False,
            ),
        ]
        rows.append(ranking.features(cands, "扎实做好行政", 0, "", False, "")[1])
    x = np.array(rows)
    j = ranking.FEATURES.index(name)
    lengths = np.full(len(x), 7.0)
    more = x.copy()
    more[:, j] += step
    assert (forest.savings(more, lengths) >= forest.savings(x, lengths) - 1e-9).all()
    # far below every value seen in training: still no higher than at the lowest value seen
    if step > 0:
        less = x.copy()
        less[:, j] -= 30 * step
        assert (forest.savings(less, lengths) <= forest.savings(x, lengths) + 1e-9).all()


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return open_banks(mine_bodies_bank(tmp_path_factory), builtin=False)


def test_the_draft_and_the_reports_are_weighed_together(bank: Bank) -> None:
    """What the drafter wrote twice comes first where it fits; where every mined report goes on the same
    way from a long context, that stays first (three reports agreeing outweigh two uses in the draft)."""
    session = Session(bank)
    own = "全面推行行政执法“三项制度”，执法信息全量归集"
    for text in (own, "今年，" + own):
        session.handle({"text": text, "part": "measures", **COUNTY})
        session.handle({"text": "", "part": "measures", **COUNTY})
    answer = session.handle({"text": "二是全面推行行政执法“", "part": "measures", **COUNTY})
    first = answer["suggestions"][0]
    assert first["insert"].startswith("三项制度"), answer["suggestions"]
    assert first["sources"] == ["本稿"]
    answer = session.handle({"text": "二是全面推行行政执法", "part": "measures", **COUNTY})
    assert answer["suggestions"][0]["insert"].startswith("公示制度"), answer["suggestions"]
    assert answer["suggestions"][0]["reports"] == 3


@pytest.mark.parametrize(
    ("text", "part", "in_heading"),
    [
        ("加强行政复议", "plan", False),
        ("严格规范公正文明执法，全面推行行政执法", "enforcement", False),
        ("（三）坚持依法科学民主", "decisions", True),
    ],
)
def test_continuations_come_before_whole_phrases(
    text: str, part: str, in_heading: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A continuation keeps what the clerk typed, a whole phrase rewrites the clause: the list offers the
    continuations first and keeps one place for the best whole phrase."""
    from drafter.model import Meta

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # no user bank: the built-in one alone
    bank = open_banks(None)
    meta = Meta(year=2026, org="某某县人民政府", short="我县")
    found = bank.suggest(text, part=part, meta=meta, k=5, in_heading=in_heading)
    kinds = [s.kind for s in found]
    assert "continuation" in kinds and "phrase" in kinds, found
    assert kinds == sorted(kinds), kinds  # "continuation" < "phrase"


@pytest.mark.parametrize(
    "heading",
    [
        "（三）坚持严格规范公正文明执法",
        "二、深入推进依法行政，全面建设法治政府",
        "（五）强化行政权力制约和监督",
    ],
)
def test_a_heading_being_typed_is_no_clue_to_itself(
    heading: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the cursor in a heading, the section heading a front end sends is the one being typed: its
    text after the cursor must not rank (or pick) the continuations, or a plug-in that sends the whole line
    gets the rest of it suggested back, and a benchmark typing with it measures its own answer."""
    from drafter.model import Meta

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # no user bank: the built-in one alone
    bank = open_banks(None)
    meta = Meta(year=2026, org="某某县人民政府", short="我县")
    for i in range(len(heading)):
        told = bank.suggest(heading[:i], part="measures", meta=meta, k=5, heading=heading, in_heading=True)
        blind = bank.suggest(heading[:i], part="measures", meta=meta, k=5, heading=None, in_heading=True)
        assert [s.insert for s in told] == [s.insert for s in blind], heading[:i]
