"""The agency's side of service requests (Área do Servidor): inbox, request page, workflow
actions, assignment and internal notes (issue #4, "Workflow")."""
