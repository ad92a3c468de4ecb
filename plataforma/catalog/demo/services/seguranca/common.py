"""Facts shared by the segurança pública service modules."""

EMERGENCIA = "Em emergência, ligue 190 (Polícia Militar), 193 (Bombeiros) ou 197 (Polícia Civil)."
