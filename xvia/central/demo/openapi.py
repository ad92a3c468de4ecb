"""OpenAPI 3 descriptions of the demo providers' services."""

from __future__ import annotations

import json

_ERROR = {"description": "Não encontrado", "content": {"application/json": {"schema": {"type": "object"}}}}

VEHICLES = {
    "openapi": "3.0.3",
    "info": {
        "title": "DETRAN-MT — consulta de veículos",
        "version": "1.0.0",
        "description": "Dados cadastrais de um veículo registrado em Mato Grosso e seus débitos.",
    },
    "paths": {
        "/veiculos/{placa}": {
            "get": {
                "summary": "Dados do veículo pela placa",
                "parameters": [
                    {
                        "name": "placa",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^[A-Z]{3}[0-9][A-Z0-9][0-9]{2}$"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "Veículo encontrado",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "placa": {"type": "string"},
                                        "renavam": {"type": "string"},
                                        "marca_modelo": {"type": "string"},
                                        "ano_fabricacao": {"type": "integer"},
                                        "municipio": {"type": "string"},
                                        "situacao": {
                                            "type": "string",
                                            "enum": ["regular", "restricao", "baixado"],
                                        },
                                    },
                                }
                            }
                        },
                    },
                    "404": _ERROR,
                },
            }
        },
        "/proprietarios/{cpf}/veiculos": {
            "get": {
                "summary": "Veículos registrados em nome de uma pessoa (CPF)",
                "parameters": [
                    {
                        "name": "cpf",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^[0-9]{11}$"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "Veículos do proprietário (lista vazia se não houver)",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "proprietario": {"type": "string"},
                                        "veiculos": {"type": "array", "items": {"type": "object"}},
                                    },
                                }
                            }
                        },
                    },
                    "400": {"description": "CPF inválido"},
                },
            }
        },
        "/veiculos/{placa}/debitos": {
            "get": {
                "summary": "Débitos do veículo (IPVA, licenciamento, multas)",
                "parameters": [
                    {"name": "placa", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {"200": {"description": "Lista de débitos"}, "404": _ERROR},
            }
        },
    },
}

TAX_CLEARANCE = {
    "openapi": "3.0.3",
    "info": {
        "title": "SEFAZ-MT — situação fiscal",
        "version": "1.0.0",
        "description": "Situação fiscal de um contribuinte perante a Fazenda Estadual (certidão negativa).",
    },
    "paths": {
        "/situacao-fiscal/{documento}": {
            "get": {
                "summary": "Situação fiscal pelo CPF ou CNPJ",
                "parameters": [
                    {
                        "name": "documento",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^[0-9]{11}([0-9]{3})?$"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "Situação encontrada",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "documento": {"type": "string"},
                                        "situacao": {"type": "string", "enum": ["regular", "pendente"]},
                                        "certidao_negativa": {"type": "boolean"},
                                        "consultado_em": {"type": "string", "format": "date-time"},
                                    },
                                }
                            }
                        },
                    },
                    "404": _ERROR,
                },
            }
        }
    },
}


def as_text(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
