"""What the verification page shows for one code: the code's decision, its product's
standing today (ocop.domain.verdict over the product's decisions) and the decision in force."""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.utils import translation

from ocop.domain.verdict import Standing, Verdict, standing_on, verdict
from ocop.registry.models import Decision, Product


@dataclass(frozen=True)
class Verification:
    decision: Decision
    product: Product
    decisions: list[Decision]  # the product's, oldest first
    standing: Standing
    verdict: Verdict
    day: date

    @property
    def in_force(self) -> Decision | None:
        return self._by_order(self.standing.in_force)

    @property
    def superseded(self) -> bool:
        """Another decision of the product is the one in force now."""
        return self.in_force is not None and self.in_force.pk != self.decision.pk

    @property
    def latest(self) -> Decision | None:
        return self._by_order(self.standing.latest)

    @property
    def dated_by(self) -> Decision | None:
        """The later decision an expired or revoked verdict's date comes from, when it is not
        the code's own (a product re-evaluated, then expired: its date is the new decision's)."""
        latest = self.latest
        if self.in_force is None and latest is not None and latest.pk != self.decision.pk:
            return latest
        return None

    @property
    def printable(self) -> bool:
        """Labels may carry this code: its own decision is the one in force today (the OCOP
        mark may be printed while, and only while, the product's recognition is valid)."""
        return self.in_force is not None and self.in_force.pk == self.decision.pk

    @property
    def stars(self) -> int:
        """The stars that count today, else those of the code's decision."""
        return (self.standing.in_force or self.decision).stars

    def etag(self, *extra) -> str:
        """Changes with anything the page shows, the day included (verdicts move at midnight)."""
        facts = [self.day, self.product.name, self.product.producer.name, self.product.unit_id]
        facts += [
            (d.pk, d.number, d.decided_on, d.last_valid_day, d.stars, d.issuer, d.revoked_on,
             d.revocation_reason)
            for d in self.decisions
        ]  # fmt: skip
        facts += [(p.pk, p.image.name, p.alt) for p in self.product.photos.all()]
        return hashlib.sha256(repr([*facts, *extra]).encode()).hexdigest()[:32]

    def _by_order(self, facts) -> Decision | None:
        return next((d for d in self.decisions if facts and d.pk == facts.order), None)


def find(code: str) -> Decision | None:
    related = ("product__producer", "product__unit__province")
    # The code is unique: no ordering to build or sort by (first() would add one).
    found = Decision.objects.select_related(*related).filter(public_code=code).order_by()[:1]
    return next(iter(found), None)


def verify(decision: Decision, day: date) -> Verification:
    product = decision.product
    decisions = list(product.decisions.order_by("decided_on", "pk"))
    standing, said = judge(decisions, day)
    return Verification(decision, product, decisions, standing, said, day)


def judge(decisions: list[Decision], day: date) -> tuple[Standing, Verdict]:
    """A product's standing on `day` from its decisions, and the verdict's words (the ground
    of a revocation is the one written on the latest decision)."""
    standing = standing_on([d.facts() for d in decisions], day)
    latest = next((d for d in decisions if standing.latest and d.pk == standing.latest.order), None)
    return standing, verdict(standing, latest.revocation_reason if latest else "")


def said(found: Verdict) -> str:
    """The verdict's sentence in the active language. ocop.domain.verdict words each verdict in
    both languages at once, as the API gives them; a page shows the one it speaks."""
    return found.en if translation.get_language() == "en" else found.vi


def ground(found: Verdict) -> str:
    """The ground of a revocation, as said() says the verdict ("" for no revocation)."""
    return found.ground_en if translation.get_language() == "en" else found.ground_vi
