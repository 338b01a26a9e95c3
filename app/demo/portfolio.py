"""Demo portfolio: a DBS certificate, insurance, the Quality Standard agreement, training
certificates (some photographed or scanned), references and a testimonial, all generated at
run time and marked SPECIMEN. One item expires within 30 days of ctx.today; one has expired.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy.orm import Session

from app.core.clients import get_client
from app.core.portfolio.models import DocType, ShareHow
from app.core.portfolio.services import (
    DocumentDraft,
    add_document,
    attach_file,
    record_share,
    watermark_text,
)
from app.core.profile import get_profile
from app.demo import DemoContext
from app.documents import sample_certificates as sample


def extend(session: Session, ctx: DemoContext) -> str:
    rng, today = ctx.rng, ctx.today
    profile = get_profile(session)
    name = profile.carer_name if profile else "Sam Carter"
    days = timedelta

    def add(draft: DocumentDraft, files: list[tuple[str, bytes]]) -> int:
        doc = add_document(session, draft, today=today)
        for filename, data in files:
            attach_file(session, doc.id, filename, data)
        return doc.id

    ids = []
    dbs_issued = today - days(rng.randint(380, 420))
    dbs_no = f"00{rng.randint(10**9, 10**10 - 1)}"
    ids.append(
        add(
            DocumentDraft(
                DocType.DBS,
                "Enhanced DBS certificate (adults)",
                "Disclosure and Barring Service",
                dbs_no,
                issue_date=dbs_issued,
                renewal_date=dbs_issued + days(365 + rng.randint(150, 250)),
                notes="On the update service; clients may check it online with my permission.",
            ),
            [
                (
                    "DBS certificate.pdf",
                    sample.dbs_certificate_pdf(name=name, number=dbs_no, issued=dbs_issued),
                )
            ],
        )
    )

    ins_start = today - days(rng.randint(120, 180))
    policy = f"PL/{rng.randint(100000, 999999)}/MP"
    ids.append(
        add(
            DocumentDraft(
                DocType.INSURANCE,
                "Public liability insurance",
                "Hearthside Mutual (demo insurer)",
                policy,
                issue_date=ins_start,
                expiry_date=ins_start + days(364),
                cover_pence=5_000_000_00,
            ),
            [
                (
                    "Insurance schedule.pdf",
                    sample.insurance_schedule_pdf(
                        name=name,
                        insurer="Hearthside Mutual (demo insurer)",
                        policy=policy,
                        cover="£5,000,000",
                        starts=ins_start,
                        ends=ins_start + days(364),
                    ),
                )
            ],
        )
    )

    qs_date = today - days(rng.randint(250, 330))
    ids.append(
        add(
            DocumentDraft(
                DocType.QUALITY_STANDARD,
                "Quality Standards Agreement",
                "Community Micro-Enterprise Programme",
                issue_date=qs_date,
            ),
            [
                (
                    "Quality Standards Agreement.pdf",
                    sample.letter_pdf(
                        title="Quality Standards Agreement (specimen)",
                        heading="Quality Standards Agreement",
                        paragraphs=[
                            f"This agreement confirms that <b>{name}</b> has met the Quality Standards of the "
                            "community micro-enterprise programme for people providing care and support at home.",
                            "The micro-provider agrees to keep an Enhanced DBS check and public liability "
                            "insurance in place, to keep training up to date, to keep records safely, and "
                            "to follow the local safeguarding procedures.",
                            "The standards are reviewed each year with the programme's development worker.",
                        ],
                        signed="Community Development Worker (demo)",
                        when=qs_date,
                    ),
                )
            ],
        )
    )

    def training(
        title: str,
        provider: str,
        completed_days_ago: int,
        valid_days: int | None,
        fmt: str,
        default: bool = True,
    ) -> int:
        completed = today - days(completed_days_ago)
        expiry = completed + days(valid_days) if valid_days else None
        if fmt == "pdf":
            files = [
                (
                    f"{title}.pdf",
                    sample.letter_pdf(
                        title=f"{title} (specimen)",
                        heading="Certificate of completion",
                        paragraphs=[
                            f"This certifies that <b>{name}</b> completed the course "
                            f"<b>{title}</b> provided by {provider}.",
                            "Assessment: passed. Learning hours: 6.",
                        ],
                        signed=f"{provider}, course lead",
                        when=completed,
                    ),
                )
            ]
        else:
            photo = fmt == "photo"
            data = sample.training_certificate_image(
                course=title,
                name=name,
                provider=provider,
                completed=completed,
                fmt="JPEG" if photo or fmt == "jpeg" else "PNG",
                photo=photo,
            )
            files = [(f"{title}.{'jpg' if fmt in ('photo', 'jpeg') else 'png'}", data)]
        return add(
            DocumentDraft(
                DocType.TRAINING,
                title,
                provider,
                issue_date=completed,
                expiry_date=expiry,
                in_default_set=default,
            ),
            files,
        )

    ids.append(
        training(
            "Safeguarding adults (level 2)",
            "Somerset Care Training (demo)",
            rng.randint(200, 300),
            3 * 365,
            "pdf",
        )
    )
    # expires within 30 days: Today reminds the carer
    first_aid_expiry_in = rng.randint(12, 25)
    ids.append(
        training(
            "Emergency first aid at work",
            "Red Cross Training (demo)",
            3 * 365 - first_aid_expiry_in,
            3 * 365,
            "png",
        )
    )
    ids.append(
        training(
            "Moving and handling people",
            "Somerset Care Training (demo)",
            rng.randint(60, 150),
            365,
            "photo",
        )
    )
    ids.append(
        training(
            "Safe handling of medicines",
            "Medicines Academy (demo)",
            rng.randint(100, 200),
            2 * 365,
            "pdf",
        )
    )
    # already expired, and left out of the default set until renewed
    ids.append(
        training(
            "Food hygiene (level 2)",
            "Food Safety Online (demo)",
            3 * 365 + rng.randint(5, 20),
            3 * 365,
            "png",
            default=False,
        )
    )
    ids.append(
        training(
            "Care Certificate (15 standards)",
            "Skills for Care assessor (demo)",
            rng.randint(500, 700),
            None,
            "jpeg",
        )
    )

    for who, rel, para in (
        (
            "J. Morgan, Registered Manager (demo)",
            "Reference from a previous employer",
            "worked for our domiciliary care agency for four years. They were reliable, kind "
            "and careful with records, and were trusted with clients living with dementia.",
        ),
        (
            "A. Patel (demo)",
            "Character reference",
            "has been known to me for ten years. I have always found them honest, patient and "
            "dependable, and I recommend them without hesitation.",
        ),
    ):
        when = today - days(rng.randint(200, 500))
        ids.append(
            add(
                DocumentDraft(DocType.REFERENCE, rel, who.split(",")[0], issue_date=when),
                [
                    (
                        f"{rel}.pdf",
                        sample.letter_pdf(
                            title=f"{rel} (specimen)",
                            heading=rel,
                            paragraphs=["To whom it may concern,", f"{name} {para}"],
                            signed=who,
                            when=when,
                        ),
                    )
                ],
            )
        )
    when = today - days(rng.randint(30, 120))
    ids.append(
        add(
            DocumentDraft(
                DocType.TESTIMONIAL,
                "Testimonial from a client's family",
                "A client's daughter",
                issue_date=when,
            ),
            [
                (
                    "Testimonial.pdf",
                    sample.letter_pdf(
                        title="Testimonial (specimen)",
                        heading="Thank you",
                        paragraphs=[
                            f"{name} has looked after Mum three mornings a week since "
                            "last spring. Always on time, always cheerful, and Mum "
                            "looks forward to every visit.",
                            "We would recommend them to anyone.",
                        ],
                        signed="A grateful family (demo)",
                        when=when,
                    ),
                )
            ],
        )
    )

    shared = 0
    for i, (ago, how) in enumerate(((40, ShareHow.SENT), (9, ShareHow.SHOWN))):
        if i >= len(ctx.client_ids):
            break
        client = get_client(session, ctx.client_ids[i])
        at = datetime.combine(today - days(ago), time(10, 30), tzinfo=UTC)
        record_share(
            session,
            document_ids=ids[:4] + ids[9:],
            client_id=client.id,
            how=how,
            shared_at=at,
            watermark=watermark_text(client.name, at.date()) if how == ShareHow.SENT else "",
        )
        shared += 1
    ctx.notes["portfolio_document_ids"] = ids
    return f"{len(ids)} portfolio documents, {shared} shares logged"
