"""Register a client application from the command line (README, demo, benchmarks); prints the
client_id and, for confidential clients, the secret (shown once, stored hashed)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from plataforma.identity.oidc import services
from plataforma.identity.oidc.models import OIDCClient


class Command(BaseCommand):
    help = "Register an OpenID Connect client application and print its client_id and secret."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--redirect-uri", action="append", default=[], dest="redirect_uris")
        parser.add_argument("--post-logout-redirect-uri", action="append", default=[], dest="logout_uris")
        parser.add_argument("--scopes", default="openid profile email")
        kind = parser.add_mutually_exclusive_group()
        kind.add_argument("--public", action="store_true")
        kind.add_argument("--confidential", action="store_true")
        parser.add_argument(
            "--grant", choices=["authorization-code", "client-credentials"], default="authorization-code"
        )
        parser.add_argument("--algorithm", choices=["RS256", "ES256"], default="RS256")
        parser.add_argument("--pairwise-sector", default="")
        parser.add_argument("--agency", default="", help="slug of the responsible agency")
        parser.add_argument("--skip-consent", action="store_true", help="in-house application")
        parser.add_argument("--client-id", default="", help="fixed client_id (demo, benchmarks)")

    def handle(self, *args, **options):
        agency = None
        if options["agency"]:
            from plataforma.catalog.models import Agency

            agency = Agency.objects.filter(slug=options["agency"]).first()
            if agency is None:
                raise CommandError(f"unknown agency {options['agency']!r}")
        client = OIDCClient(
            name=options["name"],
            client_type=OIDCClient.CLIENT_PUBLIC if options["public"] else OIDCClient.CLIENT_CONFIDENTIAL,
            authorization_grant_type=options["grant"],
            redirect_uris=" ".join(options["redirect_uris"]),
            post_logout_redirect_uris=" ".join(options["logout_uris"]),
            allowed_scopes=" ".join(options["scopes"].replace(",", " ").split()),
            algorithm=options["algorithm"],
            subject_type="pairwise" if options["pairwise_sector"] else "public",
            sector_identifier=options["pairwise_sector"],
            agency=agency,
            skip_authorization=options["skip_consent"],
        )
        if options["client_id"]:
            client.client_id = options["client_id"]
        try:
            secret = services.client_save(client=client, actor=None)
        except ValidationError as error:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            ) from error
        self.stdout.write(f"client_id={client.client_id}")
        if secret:
            self.stdout.write(f"client_secret={secret}")
