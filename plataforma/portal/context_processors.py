def portal(request):
    return {"high_contrast": request.COOKIES.get("contraste") == "alto"}
