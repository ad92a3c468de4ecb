"""The notification centre of a signed-in person (Lei 14.129 art. 21) and their choice of
channels (art. 27). Thin views: read through selectors, write through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors, services
from .forms import PreferenceForm
from .models import is_local_path

PER_PAGE = 20


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("pagina", "1")
    if not raw.isdigit() or len(raw) > 6 or int(raw) < 1:
        raise Http404
    return int(raw)


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """Newest first, 20 a page; `?nao_lidas=1` shows only the unread ones."""
    unread_only = request.GET.get("nao_lidas") == "1"
    paginator = Paginator(selectors.notification_list(user=request.user, unread_only=unread_only), PER_PAGE)
    number = _page_number(request)
    if number > paginator.num_pages:
        raise Http404
    page = paginator.page(number)
    unread = paginator.count if unread_only else selectors.notification_unread_count(user=request.user)
    return render(
        request, "notifications/inbox.html", {"page": page, "unread_only": unread_only, "unread": unread}
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def open_notification(request: HttpRequest, pk) -> HttpResponse:
    """Mark one's own notification as read and go to what it is about. Another person's is a
    404, like an unknown one."""
    notification = selectors.notification_get(user=request.user, notification_id=pk)
    if notification is None:
        raise Http404
    services.notification_mark_read(user=request.user, notification=notification)
    target = notification.url if notification.url and is_local_path(notification.url) else ""
    return HttpResponseRedirect(target or reverse("notifications:inbox"))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(user=request.user)
    if count:
        messages.success(
            request,
            ngettext("%(n)d notificação marcada como lida.", "%(n)d notificações marcadas como lidas.", count)
            % {"n": count},
        )
    else:
        messages.info(request, _("Não havia notificações novas."))
    return HttpResponseRedirect(reverse("notifications:inbox"))


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    preference = selectors.notification_preference_get(user=user)
    data = request.POST if request.method == "POST" else None  # an unticked box posts nothing
    form = PreferenceForm(data, user=user, initial={"email": preference.email})
    context = {
        "form": form,
        "email_confirmed": user.email_verified_at is not None,
        "has_email": bool(user.email),
    }
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "notifications/preferences.html", context, status=400)
        _preference, changed = services.notification_preference_update(
            user=user, email=form.cleaned_data["email"]
        )
        messages.success(request, _("Preferências salvas.") if changed else _("Nada foi alterado."))
        return HttpResponseRedirect(reverse("notifications:preferences"))
    return render(request, "notifications/preferences.html", context)
