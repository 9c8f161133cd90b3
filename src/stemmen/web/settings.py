"""Settings of one web server launch, declared as data with help text."""

from __future__ import annotations

import ipaddress
import secrets
import socket
from dataclasses import dataclass, field

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host in ("localhost", "[::1]"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _machine_names() -> set[str]:
    """This machine's host name and addresses (for a server bound to every interface)."""
    try:
        name, aliases, addresses = socket.gethostbyname_ex(socket.gethostname())
    except OSError:
        return {socket.gethostname().lower()}
    return {n.lower() for n in (name, *aliases, *addresses)}


@dataclass
class WebSettings:
    """How the server runs. ``token`` None turns the launch token off (tests, team proxies)."""

    host: str = field(default="127.0.0.1", metadata={"help": "Interface to listen on."})
    port: int = field(default=8765, metadata={"help": "TCP port."})
    token: str | None = field(default_factory=lambda: secrets.token_urlsafe(24),
                              metadata={"help": "Per-launch secret in the opened URL."})
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24),
                      metadata={"help": "Per-launch CSRF token for state-changing requests."})
    coder: str | None = field(default=None, metadata={"help": "Default coder name."})
    lang: str | None = field(default=None, metadata={"help": "Default interface language."})
    allowed_hosts: tuple[str, ...] = field(default=(), metadata={
        "help": "Host headers accepted (default: the served host and loopback names)."})
    session_idle: float = field(default=8 * 3600, metadata={
        "help": "Team mode: seconds a login session may stay unused before it ends."})
    session_lifetime: float = field(default=7 * 24 * 3600, metadata={
        "help": "Team mode: seconds after the login when a session ends in any case."})

    def hosts(self) -> set[str]:
        """Every Host header value this server answers (anything else: DNS rebinding)."""
        if self.allowed_hosts:
            return {h.lower() for h in self.allowed_hosts}
        names = {self.host.lower()}
        if is_loopback(self.host) or self.host in ("0.0.0.0", "::"):
            names |= set(LOOPBACK_NAMES)
        if self.host in ("0.0.0.0", "::"):
            names |= _machine_names()
        if ":" in self.host and not self.host.startswith("["):
            names.add(f"[{self.host}]")
        return {f"{n}:{self.port}" for n in names} | ({*names} if self.port == 80 else set())

    @property
    def url(self) -> str:
        """The address to open, without the token."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        if self.host in ("0.0.0.0", "::"):
            host = "127.0.0.1"
        return f"http://{host}:{self.port}/"

    def launch_url(self) -> str:
        """The address to open in the browser, carrying the token once."""
        return self.url + (f"?token={self.token}" if self.token else "")
