"""Train the tagger on a tiny synthetic brat corpus, save, load, and analyze with it (records stay valid)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pycrfsuite")
pytestmark = pytest.mark.model

# (source, cue, content) sentences written for this test; offsets are computed below.
SENTENCES = [
    ("The minister", "said", "the budget would be cut next year"),
    ("Officials", "told reporters", "the talks had failed"),
    ("She", "denied", "that the company paid any bribes"),
    ("The White House", "announced", "a new plan for the border"),
    ("Senator Jones", "claimed", "the election was rigged"),
    ("The report", "found", "that prices rose in March"),
]


def _write_split(root: Path, split: str, offset: int) -> None:
    text_dir, ann_dir = root / "data" / split / "text", root / "data" / split / "attributions"
    text_dir.mkdir(parents=True)
    ann_dir.mkdir(parents=True)
    for k in range(3):
        text, ann, t, e = "", [], 1, 1
        for m in range(4):
            source, cue, content = SENTENCES[(k + m + offset) % len(SENTENCES)]
            if text:
                text += "\n" if m % 2 == 0 else " "
            s = len(text)
            text += f"{source} {cue} {content}."
            spans = {"Source": (s, s + len(source))}
            spans["Cue"] = (spans["Source"][1] + 1, spans["Source"][1] + 1 + len(cue))
            spans["Content"] = (spans["Cue"][1] + 1, spans["Cue"][1] + 1 + len(content))
            ids = {}
            for role, (a, b) in spans.items():
                ann.append(f"T{t}\t{role} {a} {b}\t{text[a:b]}")
                ids[role] = t
                t += 1
            ann.append(
                f"E{e}\tAttribution:T{ids['Cue']} Content:T{ids['Content']} Cue:T{ids['Cue']} "
                f"Source:T{ids['Source']}"
            )
            e += 1
        text += "\nThe weather was fine.\n"
        (text_dir / f"doc{k}.txt").write_text(text, encoding="utf-8")
        (ann_dir / f"doc{k}_abcd.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")


def test_train_save_load_predict(tmp_path: Path) -> None:
    from claimgraph.analyze import Analyzer
    from claimgraph.train.trainer import train

    corpus, out = tmp_path / "corpus", tmp_path / "model"
    _write_split(corpus, "train", 0)
    _write_split(corpus, "dev", 3)
    lines: list[str] = []
    meta = train(corpus, out, epochs=2, max_minutes=1, log=lines.append)
    assert (out / "attribution.crfsuite").is_file()
    assert json.loads((out / "meta.json").read_text())["selected"]["iterations"] <= 2
    assert meta["splits"] == {"train": 3, "dev": 3} and lines
    assert meta["token_vectors"] == 96  # en_core_web_sm's tok2vec width: the vectors are features
    # the cue tagger is kept only with the dev threshold that made it better than the joint tagger's cues
    cue = meta["cue_model"]
    assert (out / "cue.crfsuite").is_file() == (cue is not None)
    if cue is not None:
        assert cue["dev"]["token/CUE"]["f1"] > meta["selected"]["dev"]["token/CUE"]["f1"]

    text = "The minister said the budget would be cut next year.\nThe weather was fine.\n"
    record = Analyzer(attribution_model=out).analyze_text(text)
    data = record.to_dict()
    assert not data["errors"]
    for a in data["attributions"]:
        for span in [a["source"], a["cue"], *a["content"]]:
            if span is not None:
                assert text[span["start"] : span["end"]] == span["text"]
        assert a["rule"] in ("model",) or a["parent"] is not None
    assert [a["id"] for a in data["attributions"]] == [f"a{i + 1}" for i in range(len(data["attributions"]))]

    # tagging does not need python-crfsuite (only training does): the same records without it
    import subprocess
    import sys

    script = (
        "import sys, json; sys.modules['pycrfsuite'] = None\n"
        "from claimgraph.analyze import Analyzer\n"
        f"r = Analyzer(attribution_model={str(out)!r}).analyze_text({text!r}).to_dict()\n"
        "print(json.dumps(r['attributions']))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == data["attributions"]

    # a pipeline whose token vectors are not those the tagger was trained on is refused up front
    from claimgraph.errors import ConfigError

    (out / "meta.json").write_text(json.dumps({**meta, "token_vectors": 300}), encoding="utf-8")
    with pytest.raises(ConfigError, match="trained on 300-dimensional token vectors"):
        Analyzer(attribution_model=out).analyze_text(text)


def test_not_a_model_directory(tmp_path: Path) -> None:
    from claimgraph.errors import ConfigError
    from claimgraph.train.model import AttributionModel

    with pytest.raises(ConfigError, match="not a trained attribution model"):
        AttributionModel(tmp_path)


def test_model_without_its_cue_tagger(tmp_path: Path) -> None:
    from claimgraph.analyze import Analyzer
    from claimgraph.errors import ConfigError
    from claimgraph.train.model import AttributionModel
    from claimgraph.train.trainer import train

    corpus, out = tmp_path / "corpus", tmp_path / "model"
    _write_split(corpus, "train", 0)
    _write_split(corpus, "dev", 3)
    meta = train(corpus, out, epochs=2, max_minutes=1, log=lambda line: None)
    meta_path = out / "meta.json"
    meta["cue_model"] = meta["cue_model"] or {"threshold": 0.2}  # as if one had been kept
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    (out / "cue.crfsuite").unlink(missing_ok=True)
    with pytest.raises(ConfigError, match="cue.crfsuite is missing"):
        AttributionModel(out)
    # a model from before the cue tagger (no cue_model in its metadata) tags with the joint tagger alone
    del meta["cue_model"]
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    analyzer = Analyzer(attribution_model=out)
    record = analyzer.analyze_text("The minister said the budget would be cut.\n")
    assert not record.to_dict()["errors"]
    # without a cue tagger no cue has a probability: a cue left without a content is never given one
    from claimgraph.attribution import extract_attributions

    doc = analyzer.nlp("The minister said the budget would be cut.\nThe minister said.\n")
    spans = AttributionModel(out).tag(doc, extract_attributions(doc), [])
    assert all(s.probability == 0.0 for s in spans)
