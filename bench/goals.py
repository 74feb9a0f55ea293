"""The one way a benchmark states a goal beside its figures: a line that says whether it was
met. bench/run.py repeats every such line in the summary at the end of `make bench`."""

MARK = "  goal "


def goal(text: str, met: bool) -> bool:
    print(f"{MARK}{'met' if met else 'NOT met'}: {text}", flush=True)
    return met
