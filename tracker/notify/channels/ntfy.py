"""``ntfy``: an HTTP POST to an ntfy topic (ntfy.sh or a server of your own), for phones.

The body is the message; the title goes in the ``Title`` header, RFC 2047-encoded
when it is not ASCII (ntfy decodes it). An access token, if any, comes from the
environment variable named by ``ntfy_token_env``, never from the config file.

A redirect is never followed: urllib would turn the POST into a GET without the
message and carry the token to whatever host the answer names. Only a 2xx answer
to the POST itself counts as delivered; a redirect is this channel's failure,
naming where it pointed, so the user can put that address in ``ntfy_url``.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Mapping
from email.header import Header
from urllib.parse import urljoin, urlsplit

from tracker.config.notify import NotifyConfig, parse_ntfy_url
from tracker.i18n import _
from tracker.notify.channels import DeliveryFailed, one_line, tls_reason
from tracker.notify.message import Message
from tracker.records import record

TIMEOUT = 20


@record
class NtfyChannel:
    """Posts the message to an ntfy topic."""

    url: str
    token: str = ""
    name: str = "ntfy"

    def send(self, message: Message) -> None:
        headers = {
            "Title": _header(message.title),
            "Priority": "high" if message.urgent else "default",
            "Tags": "warning" if message.urgent else "date",
            "Content-Type": "text/plain; charset=utf-8",
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            # Checked again here: a config built elsewhere than config.toml must fail this channel alone.
            parse_ntfy_url(self.url)
            request = urllib.request.Request(
                self.url, data=message.body.encode("utf-8"), headers=headers, method="POST"
            )
        except ValueError as exc:
            raise DeliveryFailed(_("ntfy_url {reason}").format(reason=one_line(str(exc)))) from None
        where = urlsplit(self.url).netloc
        try:
            with urllib.request.build_opener(_NoRedirect).open(request, timeout=TIMEOUT) as response:
                response.read()
                status, answer = response.status, response.reason
        except urllib.error.HTTPError as exc:
            if 300 <= exc.code < 400:
                target = exc.headers.get("Location")
                raise DeliveryFailed(
                    _redirect_reason(where, exc.code, urljoin(self.url, target) if target else "")
                ) from None
            said = one_line(exc.read().decode("utf-8", "replace"), 120)
            reason = _("{server} answered {code} {reason}").format(
                server=where, code=exc.code, reason=one_line(exc.reason)
            )
            raise DeliveryFailed(f"{reason}: {said}" if said else reason) from None
        except urllib.error.URLError as exc:
            raise DeliveryFailed(_network_reason(exc.reason, where)) from None
        except TimeoutError:
            raise DeliveryFailed(
                _("no answer from {server} within {seconds} s").format(server=where, seconds=TIMEOUT)
            ) from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise DeliveryFailed(_network_reason(exc, where)) from None
        if not 200 <= status < 300:  # the opener raises for these; the rule is kept here too
            raise DeliveryFailed(
                _("{server} answered {code} {reason}").format(
                    server=where, code=status, reason=one_line(answer)
                )
            )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hands every 3xx back as an error instead of following it."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _redirect_reason(where: str, code: int, target: str) -> str:
    if not target:
        return _("{server} answered {code} (a redirect) without saying where to").format(
            server=where, code=code
        )
    return _(
        "{server} redirects to {target} ({code}); not followed, nothing sent: set ntfy_url to it"
    ).format(server=where, target=one_line(_without_credentials(target), 160), code=code)


def _without_credentials(url: str) -> str:
    try:
        parts = urlsplit(url)
        if parts.username is None and parts.password is None:
            return url
        host = parts.netloc.rpartition("@")[2]
        return parts._replace(netloc=host).geturl()
    except ValueError:
        return url


def _header(text: str) -> str:
    return text if text.isascii() else Header(text, "utf-8").encode()


def _network_reason(reason: object, where: str) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return _("connection refused by {server}").format(server=where)
    if isinstance(reason, socket.gaierror):
        return _("server not found: {server}").format(server=where)
    if isinstance(reason, ssl.SSLError):
        return _("TLS failed with {server}: {reason}").format(server=where, reason=tls_reason(reason))
    if isinstance(reason, TimeoutError | socket.timeout):
        return _("no answer from {server} within {seconds} s").format(server=where, seconds=TIMEOUT)
    text = reason.strerror if isinstance(reason, OSError) and reason.strerror else str(reason)
    return f"{where}: {one_line(text)}"


def from_config(config: NotifyConfig, environ: Mapping[str, str]) -> NtfyChannel:
    token = ""
    if config.ntfy_token_env:
        token = environ.get(config.ntfy_token_env, "")
        if not token:
            raise DeliveryFailed(
                _("${name} is not set (notify.ntfy_token_env names it)").format(name=config.ntfy_token_env)
            )
    return NtfyChannel(config.ntfy_url, token)
