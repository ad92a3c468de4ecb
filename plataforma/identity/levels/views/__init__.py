"""Pages of the levels app: the step-up page, the certificate, external validations (citizen
side, /conta/nivel/) and the in-person validation desk (Área do Servidor, /servidor/validacao/).
One module per page group; every write goes through `levels.services.level_raise`."""
