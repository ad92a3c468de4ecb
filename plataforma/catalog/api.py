from ninja import NinjaAPI

api = NinjaAPI(title="Portal Único de Serviços de Mato Grosso", version="1.0.0", urls_namespace="api-v1")
