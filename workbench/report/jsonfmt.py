"""JSON: the Report model, written claim by claim (never the whole report in memory)."""

from __future__ import annotations

import json
from typing import TextIO

from pydantic_core import to_jsonable_python

from workbench.report.model import header_fields, sections
from workbench.store import Store


def write_json(out: TextIO, store: Store, article_id: int | None, selection: str) -> None:
    out.write("{")
    for key, value in header_fields(selection).items():
        out.write(
            f"\n  {json.dumps(key)}: {json.dumps(to_jsonable_python(value), ensure_ascii=False)},"
        )
    out.write('\n  "articles": [')
    for number, section in enumerate(sections(store, article_id, selection)):
        header = json.dumps(section.header.model_dump(mode="json"), ensure_ascii=False)
        out.write(("," if number else "") + "\n    " + header[:-1] + ', "claims": [')
        for index, claim in enumerate(section.claims):
            out.write(("," if index else "") + "\n      " + claim.model_dump_json())
        out.write("\n    ]}")
    out.write("\n  ]\n}\n")
