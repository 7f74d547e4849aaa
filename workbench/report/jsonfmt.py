"""JSON: the Report model, written claim by claim (never the whole report in memory).
The public audience leaves out the fields the model marks internal."""

from __future__ import annotations

import json
from typing import TextIO

from pydantic_core import to_jsonable_python

from workbench.report.model import (
    PUBLIC_EXCLUDE,
    ReportOptions,
    claim_exclude,
    header_fields,
    sections,
)
from workbench.store import Store


def write_json(out: TextIO, store: Store, article_id: int | None, options: ReportOptions) -> None:
    out.write("{")
    for key, value in header_fields(options).items():
        out.write(
            f"\n  {json.dumps(key)}: {json.dumps(to_jsonable_python(value), ensure_ascii=False)},"
        )
    out.write('\n  "articles": [')
    article_exclude = PUBLIC_EXCLUDE["article"] if options.public else None
    exclude = claim_exclude(options.audience)
    for number, section in enumerate(sections(store, article_id, options)):
        fields = section.header.model_dump(mode="json", exclude=article_exclude)
        header = json.dumps(fields, ensure_ascii=False)
        out.write(("," if number else "") + "\n    " + header[:-1] + ', "claims": [')
        for index, claim in enumerate(section.claims):
            out.write(("," if index else "") + "\n      " + claim.model_dump_json(exclude=exclude))
        out.write("\n    ]}")
    out.write("\n  ]\n}\n")
