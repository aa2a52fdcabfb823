"""Write the nginx configuration that serves the dashboard to others, from deploy/nginx/*.conf:

    python deploy/nginx_config.py --ports 8501 8502 --listen 443 --password-file /etc/nginx/dashboard.htpasswd \\
        --certificate /etc/ssl/dashboard.pem --certificate-key /etc/ssl/private/dashboard.key > dashboard.conf
    python deploy/nginx_config.py --ports 8501 8502 --listen 127.0.0.1:8080 --password-file FILE --standalone DIR

The first prints the site (for /etc/nginx/conf.d/ of a system nginx); the second writes DIR/nginx.conf and
DIR/dashboard.conf for an nginx run by any user in DIR (`nginx -p DIR -c nginx.conf`), as deploy/start.sh and the
tests run it. Every replica is an app process on 127.0.0.1 at one of the --ports.
"""
from __future__ import annotations

import argparse
import os
import pwd
import re
import string
import sys
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "nginx"
REPLICA_HOST = "127.0.0.1"
# What a standalone nginx writes in its folder, beside its pid file: its logs and the temporary files of requests.
STANDALONE_FOLDERS = ("logs", "temp")


class Template(string.Template):
    """@name placeholders: nginx itself uses $."""
    delimiter = "@"


def site(ports: list[int], listen: str, password_file: Path, access_log: str = "/var/log/nginx/dashboard.access.log",
         certificate: Path | None = None, certificate_key: Path | None = None) -> str:
    """The http-level configuration: the upstreams, the sticky routing and the password-protected server."""
    if not ports or len(set(ports)) != len(ports):
        raise ValueError("give each replica's port once")
    if (certificate is None) != (certificate_key is None):
        raise ValueError("TLS needs both the certificate and its key")
    addresses = [f"{REPLICA_HOST}:{port}" for port in ports]
    tls = certificate is not None
    return Template((TEMPLATES / "dashboard.conf").read_text(encoding="utf-8")).substitute(
        replica_routes="\n".join(f'    "{number}" dashboard_{number};' for number in range(1, len(ports) + 1)),
        served_by="\n".join(f'    "~(^|\\s){re.escape(address)}$" "{number}";'
                            for number, address in enumerate(addresses, 1)),
        servers="\n".join(f"    server {address};" for address in addresses),
        replica_upstreams="\n\n".join(_replica_upstream(number, addresses) for number in range(1, len(ports) + 1)),
        cookie_flags="; Secure" if tls else "",
        listen=f"{listen} ssl" if tls else listen,
        tls=(f"    ssl_certificate {certificate};\n    ssl_certificate_key {certificate_key};\n"
             "    ssl_protocols TLSv1.2 TLSv1.3;") if tls else "",
        access_log=access_log, password_file=password_file,
    )


def _replica_upstream(number: int, addresses: list[str]) -> str:
    """The upstream of viewers whose session is on replica `number`: that replica, and the others as backups that
    share its viewers out (round robin) while it is down."""
    others = [a for n, a in enumerate(addresses, 1) if n != number]
    lines = [f"    zone dashboard_{number} 64k;", f"    server {addresses[number - 1]};",
             *(f"    server {address} backup;" for address in others)]
    return f"upstream dashboard_{number} {{\n" + "\n".join(lines) + "\n}"


def standalone(folder: Path, ports: list[int], listen: str, password_file: Path, **tls) -> Path:
    """nginx.conf and dashboard.conf in `folder`, for `nginx -p folder -c nginx.conf` run by whoever runs this. Run by
    root, the workers stay root rather than becoming nobody, who could not read a password file kept owner-only."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in STANDALONE_FOLDERS:
        (folder / name).mkdir(exist_ok=True)
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    main = Template((TEMPLATES / "standalone.conf").read_text(encoding="utf-8")).substitute(user=user)
    (folder / "nginx.conf").write_text(main, encoding="utf-8")
    (folder / "dashboard.conf").write_text(site(ports, listen, password_file.resolve(), "logs/access.log", **tls),
                                           encoding="utf-8")
    return folder / "nginx.conf"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python deploy/nginx_config.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ports", type=int, nargs="+", required=True, help="the replicas' ports on 127.0.0.1")
    parser.add_argument("--listen", required=True, help="nginx's address and port, e.g. 443 or 127.0.0.1:8080")
    parser.add_argument("--password-file", type=Path, required=True, help="made by deploy/make-password.sh")
    parser.add_argument("--certificate", type=Path, help="TLS certificate (PEM); with --certificate-key")
    parser.add_argument("--certificate-key", type=Path, help="its private key (PEM)")
    parser.add_argument("--standalone", type=Path, metavar="DIR", help="write a whole nginx configuration into DIR")
    args = parser.parse_args(argv)
    tls = {"certificate": args.certificate, "certificate_key": args.certificate_key}
    if args.standalone:
        print(standalone(args.standalone, args.ports, args.listen, args.password_file, **tls))
    else:
        sys.stdout.write(site(args.ports, args.listen, args.password_file, **tls))
    return 0


if __name__ == "__main__":
    sys.exit(main())
