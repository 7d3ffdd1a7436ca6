from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisisportal.models.choices import DeliveryStatus
from crisisportal.models.fields import UUIDModel, optional_link


class Notification(UUIDModel):
    """An alert, reminder or broadcast to one recipient.

    Written in the same transaction as its cause; the inbox shows it at once, and a Celery
    task sends the email after commit. The row is the source of truth for delivery, so a
    lost broker message is re-published by beat (see tasks.notifications_republish_pending).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", null=True
    )
    # For recipients without an account (a post's functional mailbox, a registrant).
    to_email = models.EmailField(blank=True)
    kind = models.CharField(max_length=60, db_index=True)
    subject = models.CharField(max_length=250)
    body = models.TextField()
    url = models.CharField(max_length=500, blank=True)
    crisis = optional_link("crisisportal.Crisis", on_delete=models.CASCADE)
    # Deduplicates a cause that may be processed twice (a retried job): one row per key.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    email_status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.CharField(max_length=500, blank=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    # When a retry with back-off is due; the re-publisher leaves the row alone until then.
    email_next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(fields=["email_status", "created_at"], name="notification_delivery"),
        ]
        permissions = [("monitor_deliveries", "See and retry notification deliveries")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.subject

    @property
    def email_address(self) -> str:
        if self.to_email:
            return self.to_email
        return self.recipient.email if self.recipient else ""
