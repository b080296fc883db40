"""Every macro a page can call: which template renders it, which collection it shows,
and which of that collection's top-level lists appear in it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    """One macro.

    A block with a ``subset`` target takes one argument, an id from that list, and shows
    only the entries whose ``subset_field`` holds it (``guidance("history")``). A block
    with ``styles`` looks as it should only with that stylesheet (in
    overrides/assets/css/), which pages showing it link besides the every-page ones.
    """

    template: str
    collection: str
    shows: tuple[str, ...] = ("items",)
    subset: str | None = None
    subset_field: str | None = None
    styles: str | None = None


BLOCKS = {
    "bibliography": Block("sources.html", "sources"),
    "works_cited": Block("works_cited.html", "bibliography", shows=("items",),
                         styles="works-cited.css"),
    "source_licences": Block("source_licences.html", "sources", shows=()),
    "values_crosswalk": Block("values_crosswalk.html", "values", shows=()),
    "values_list": Block("values.html", "values"),
    "misconceptions_list": Block("misconceptions.html", "misconceptions"),
    "competency_frameworks": Block("competencies.html", "competencies", shows=("frameworks", "items")),
    "interview_boundary": Block("interview_boundary.html", "interview_questions", shows=("boundary",)),
    "interview_question_bank": Block("interview_questions.html", "interview_questions",
                                     shows=("groups", "settings", "items")),
    "interview_sheet_builder": Block("interview_sheet.html", "interview_questions",
                                     shows=("rating",), styles="interview-sheet.css"),
    "ethics_objectives": Block("ethics_objectives.html", "ethics", shows=("objectives",)),
    "ethics_principles": Block("ethics.html", "ethics"),
    "guidance": Block("guidance.html", "guidance", subset="guidance/topics", subset_field="topic"),
    "checklist": Block("checklist.html", "checklists", shows=("lists", "sections", "items"),
                       subset="checklists/lists", subset_field="list", styles="checklist.css"),
    "peer_roles_list": Block("peer_roles.html", "peer_roles"),
    "peer_practices_list": Block("peer_practices.html", "peer_practices"),
    "glossary_list": Block("glossary.html", "glossary"),
    "evidence_by_stage": Block("evidence.html", "evidence", shows=("stages", "items")),
    "language_principles": Block("language_principles.html", "language", shows=("principles",)),
    "language_examples": Block("language_examples.html", "language"),
    "principles_list": Block("principles.html", "principles"),
    "expectations_list": Block("expectations.html", "expectations", shows=("uses", "items")),
    "role_star": Block("role_star.html", "role_star", shows=("instructions", "choices", "items"),
                       styles="role-star.css"),
    "role_inventory": Block("role_inventory.html", "role_inventory",
                            shows=("guidance", "importance_scale", "happening_scale", "sections",
                                   "items"),
                            styles="role-inventory.css"),
    "deployment_model": Block("deployment_model.html", "deployment_model",
                              shows=("instructions", "dimensions", "items")),
    "job_description_components": Block("jd_components.html", "job_descriptions",
                                        shows=("general_guidance", "components")),
    "job_description_exclusions": Block("jd_exclusions.html", "job_descriptions", shows=("not_included",)),
    "job_description_statements": Block("jd_statements.html", "job_descriptions"),
    "job_description_samples": Block("jd_samples.html", "job_descriptions", shows=("samples",)),
    "job_description_word_templates": Block("jd_word_templates.html", "job_descriptions", shows=()),
    "job_description_builder": Block("jd_builder.html", "job_descriptions", shows=(),
                                     styles="jd-builder.css"),
    "job_adverts": Block("jd_adverts.html", "job_descriptions", shows=("adverts",)),
    "activity_table": Block("activities.html", "activities", shows=("traps", "items")),
    "role_clarity_exercise": Block("role_clarity.html", "role_clarity",
                                   shows=("instructions", "factors", "examples", "items"),
                                   styles="role-clarity.css"),
    "readiness_quiz": Block("readiness_quiz.html", "readiness_quiz",
                            shows=("items", "scoring", "bands"), styles="quiz.css"),
    "documentation_guidelines": Block("documentation.html", "documentation", shows=("items", "note_fields")),
    "value_conflicts_list": Block("value_conflicts.html", "value_conflicts", shows=("guidance", "items")),
    "settings_table": Block("settings.html", "settings"),
    "supervision_models_list": Block("supervision_models.html", "supervision_models"),
    "hiring_pitfalls_list": Block("hiring_pitfalls.html", "hiring_pitfalls"),
    "key_differences": Block("differences.html", "differences"),
    "differences_index": Block("differences_index.html", "differences", shows=()),
}


def stylesheets(calls: list[str]) -> list[str]:
    """The stylesheets a page links for the blocks it calls, each once, in page order."""
    return list(dict.fromkeys(BLOCKS[name].styles for name in calls
                              if name in BLOCKS and BLOCKS[name].styles))
