"""What the OpenAPI document says about parts ninja cannot infer: the multipart bodies (their part
names depend on the form), the Idempotency-Key and X-Empresa headers."""

from __future__ import annotations

MULTIPART_ANSWER = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["texto"],
                    "properties": {
                        "texto": {"type": "string", "maxLength": 5000, "description": "Sua resposta"},
                        "arquivos": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "Arquivos (PDF, imagens, ODT ou DOCX; até 10 MB cada)",
                        },
                        "documentos": {
                            "type": "array",
                            "items": {"type": "string", "format": "uuid"},
                            "description": "Ids de documentos de “Meus documentos” para anexar de novo",
                        },
                    },
                }
            }
        },
    }
}
MULTIPART_SUBMIT = {
    "parameters": [
        {
            "in": "header",
            "name": "Idempotency-Key",
            "required": True,
            "schema": {"type": "string", "minLength": 1, "maxLength": 80},
            "description": "Chave escolhida pelo aplicativo (por exemplo um UUID). Repetir o envio com "
            "a mesma chave devolve o mesmo pedido (200), nunca cria outro.",
        }
    ],
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "dados": {
                            "type": "string",
                            "description": "Objeto JSON com as respostas, pela chave (key) de cada campo",
                        }
                    },
                    "additionalProperties": {
                        "description": "arquivo_<key>: arquivo de um campo de arquivo (repita a parte "
                        "para vários); documentos_<key>: id de um documento guardado para reaproveitar",
                    },
                }
            }
        },
    },
}
COMPANY_HEADER = {
    "in": "header",
    "name": "X-Empresa",
    "required": False,
    "schema": {"type": "string", "maxLength": 30},
    "description": "CNPJ da empresa em nome da qual você atua (é preciso ter vínculo ativo)",
}


def with_company_header(extra: dict | None = None) -> dict:
    extra = dict(extra or {})
    extra["parameters"] = [*extra.get("parameters", []), COMPANY_HEADER]
    return extra
