"""Celery tasks of the exchanges app."""

from celery import shared_task

from .digest import DigestIncomplete, digest_send_weekly


@shared_task(
    name="exchanges.tasks.send_weekly_digest",
    ignore_result=True,
    autoretry_for=(DigestIncomplete,),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_weekly_digest() -> int:
    """E-mail each coordinator this week's digest (weekly by beat; safe to repeat: a retry
    sends only to those who did not get it)."""
    return digest_send_weekly()


@shared_task(name="exchanges.tasks.refresh_activity", ignore_result=True)
def refresh_activity() -> int:
    """Rebuild every municipality's and partnership's latest-activity row (nightly by beat): a
    safety net for writes that sent no signals; signals keep them true between runs."""
    from .activity import refresh_all

    return refresh_all()
