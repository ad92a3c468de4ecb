"""One rotation step of the id_token signing keys (also a Celery beat task)."""

from django.core.management.base import BaseCommand

from plataforma.identity.oidc import keys


class Command(BaseCommand):
    help = "Rotate the OpenID Connect signing keys: next → active → retired, and publish a new next key."

    def add_arguments(self, parser):
        parser.add_argument("--algorithm", choices=keys.ALGORITHMS, help="only this algorithm")

    def handle(self, *args, **options):
        for algorithm in [options["algorithm"]] if options["algorithm"] else keys.ALGORITHMS:
            result = keys.rotate(algorithm)
            self.stdout.write(f"{algorithm}: active={result['active']} next={result['next']}")
