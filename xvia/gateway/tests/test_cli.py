"""``python -m xvia.gateway init`` and ``import-cert``."""

from cryptography import x509

from xvia.gateway.__main__ import main
from xvia.protocol import testing
from xvia.protocol.certs import certificate_pem, generate_private_key


def test_init_then_import_issued_certificates(tmp_path, capsys):
    server = "SERVER:MT/GOV/03507415000144/ss-detran"
    assert (
        main(
            [
                "init",
                "--dir",
                str(tmp_path),
                "--server-id",
                server,
                "--member-name",
                "DETRAN-MT",
                "--host",
                "127.0.0.1",
            ]
        )
        == 0
    )
    assert (tmp_path / "auth.key.pem").stat().st_mode & 0o077 == 0
    assert (
        main(["init", "--dir", str(tmp_path), "--server-id", server, "--member-name", "x"]) == 2
    )  # no overwrite
    (tmp_path / "gateway.toml").write_text(f'server_id = "{server}"\n')
    ca = testing.TestCA()
    for kind in ("auth", "sign"):
        csr = x509.load_pem_x509_csr((tmp_path / f"{kind}.csr.pem").read_bytes())
        cert = ca.issue_from_csr(csr, kind=kind, sans=("127.0.0.1",))
        (tmp_path / f"{kind}.issued.pem").write_text(certificate_pem(cert))
        assert (
            main(
                [
                    "import-cert",
                    "--config",
                    str(tmp_path / "gateway.toml"),
                    str(tmp_path / f"{kind}.issued.pem"),
                ]
            )
            == 0
        )
    assert (tmp_path / "auth.cert.pem").exists() and (tmp_path / "sign.cert.pem").exists()
    stranger = ca.issue(
        generate_private_key().public_key(), common_name="x", serial_number="MT/GOV/03507415000144"
    )
    (tmp_path / "stranger.pem").write_text(certificate_pem(stranger))
    assert (
        main(["import-cert", "--config", str(tmp_path / "gateway.toml"), str(tmp_path / "stranger.pem")]) == 2
    )
    assert "neither" in capsys.readouterr().err
