"""The request-form and workflow editors (/gestao/solicitacoes/, namespace "request_editor")."""
