"""``email``: SMTP with STARTTLS (or TLS from the start with ``smtps://``).

The password comes from the environment variable named by ``smtp_password_env``
(``TRACKER_SMTP_PASSWORD`` by default), else from the system keyring (the optional
``keyring`` package: ``keyring set tracker USER``); it is never in config.toml and
never in an error. The password is sent only over TLS: a server that offers no
STARTTLS is refused. Certificates are checked against the system's trust store
(``SSL_CERT_FILE`` points elsewhere, e.g. at a test CA).
"""

from __future__ import annotations

import importlib
import smtplib
import socket
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from tracker.config.notify import NotifyConfig, SmtpServer
from tracker.i18n import _
from tracker.notify.channels import DeliveryFailed, one_line, tls_reason
from tracker.notify.message import Message
from tracker.records import record

TIMEOUT = 30
KEYRING_SERVICE = "tracker"


@record
class EmailChannel:
    """Sends the message by e-mail through the user's SMTP server."""

    server: SmtpServer
    to: str
    sender: str
    password: str = ""
    name: str = "email"

    def send(self, message: Message) -> None:
        mail = EmailMessage()
        mail["Subject"] = message.title
        mail["From"] = self.sender
        mail["To"] = self.to
        mail["Date"] = formatdate(usegmt=True)
        mail["Message-ID"] = make_msgid(domain="tracker.invalid")
        mail.set_content(message.body + "\n")
        try:
            self._deliver(mail)
        except DeliveryFailed as exc:
            raise DeliveryFailed(self._scrub(str(exc))) from None

    def _deliver(self, mail: EmailMessage) -> None:
        server = self.server
        context = ssl.create_default_context()
        try:
            if server.implicit_tls:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    server.host, server.port, timeout=TIMEOUT, context=context
                )
            else:
                smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
            with smtp:
                if not server.implicit_tls:
                    smtp.ehlo()
                    if not smtp.has_extn("starttls"):
                        raise DeliveryFailed(
                            _(
                                "TLS failed: {server} offers no STARTTLS (nothing is sent to it unencrypted)"
                            ).format(server=server.address)
                        )
                    smtp.starttls(context=context)
                    smtp.ehlo()
                if server.user:
                    smtp.login(server.user, self.password)
                smtp.send_message(mail)
        except DeliveryFailed:
            raise
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryFailed(
                _("authentication failed for {user} at {server} ({code})").format(
                    user=server.user, server=server.address, code=exc.smtp_code
                )
            ) from None
        except smtplib.SMTPRecipientsRefused as exc:
            codes = ", ".join(str(code) for code, _said in exc.recipients.values())
            raise DeliveryFailed(
                _("{server} refused the recipient {to} ({code})").format(
                    server=server.address, to=self.to, code=codes
                )
            ) from None
        except smtplib.SMTPSenderRefused as exc:
            raise DeliveryFailed(
                _("{server} refused the sender {sender} ({code})").format(
                    server=server.address, sender=self.sender, code=exc.smtp_code
                )
            ) from None
        except ssl.SSLError as exc:
            raise DeliveryFailed(
                _("TLS failed with {server}: {reason}").format(server=server.address, reason=tls_reason(exc))
            ) from None
        except ConnectionRefusedError:
            raise DeliveryFailed(_("connection refused by {server}").format(server=server.address)) from None
        except socket.gaierror:
            raise DeliveryFailed(_("server not found: {server}").format(server=server.host)) from None
        except TimeoutError:
            raise DeliveryFailed(
                _("no answer from {server} within {seconds} s").format(server=server.address, seconds=TIMEOUT)
            ) from None
        except smtplib.SMTPResponseException as exc:
            said = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else ""
            raise DeliveryFailed(
                _("{server} answered {code}: {said}").format(
                    server=server.address, code=exc.smtp_code, said=one_line(said, 120)
                )
            ) from None
        except (smtplib.SMTPException, OSError) as exc:
            text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise DeliveryFailed(f"{server.address}: {one_line(text)}") from None

    def _scrub(self, text: str) -> str:
        return text.replace(self.password, "********") if self.password else text


def find_password(config: NotifyConfig, server: SmtpServer, environ: Mapping[str, str]) -> str:
    """The SMTP password: the environment first, then the system keyring."""
    from_environment = environ.get(config.smtp_password_env, "")
    if from_environment:
        return from_environment
    keyring: Any
    try:
        keyring = importlib.import_module("keyring")  # optional: pip install keyring
    except ImportError:
        keyring = None
    if keyring is not None:
        try:
            stored = keyring.get_password(KEYRING_SERVICE, server.user)
        except Exception:  # any keyring backend's failure means "not found"
            stored = None
        if stored:
            return str(stored)
    raise DeliveryFailed(
        _("no password for {user}: set ${name}, or store it with: keyring set {service} {user}").format(
            user=server.user, name=config.smtp_password_env, service=KEYRING_SERVICE
        )
    )


def from_config(config: NotifyConfig, environ: Mapping[str, str]) -> EmailChannel:
    server = config.smtp
    assert server is not None  # open_channel checked smtp_url is set
    password = find_password(config, server, environ) if server.user else ""
    return EmailChannel(server, config.email_to, config.sender, password)
