#!/usr/bin/env node
// Accessibility scan of the portal (WCAG 2.1 AA / eMAG 3.1) in a real browser.
//
// Drives the machine's Chromium through playwright-core and injects axe-core into every page:
//  - axe rules tagged wcag2a, wcag2aa, wcag21a, wcag21aa are ERRORS; best-practice rules are
//    warnings (printed, never fail the run); WCAG checks axe cannot decide are counted ("needs
//    review", listed with --review); duplicate ids are errors;
//  - every page in normal and in high-contrast mode, at desktop width and at 320 px (WCAG 1.4.10
//    reflow: no horizontal scrolling at 320 CSS px);
//  - Content Security Policy violations reported by the browser are errors (a blocked style or
//    script silently breaks the page for everyone);
//  - keyboard: the eMAG skip links (accesskeys 1–4) exist, come first in the tab order and move
//    the focus to their targets; every element reached with Tab (sampled) shows a visible focus
//    indicator (WCAG 2.4.7), checked by comparing pixels with and without focus.
//
// Usage: node scripts/a11y/check.mjs --base http://127.0.0.1:8177 --targets targets.json
//        [--chromium /usr/bin/chromium] [--only <page name substring>[|<another>…]] [--no-keyboard] [--jobs 2]
//        [--review]   (also list the WCAG checks axe could not decide, for a person to look at)
// scripts/a11y/run.sh starts the throw-away server and writes targets.json (targets.py).
// Exit code: 0 = no violation, 1 = violations, 2 = the scan itself could not run.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  mobile: { width: 320, height: 640 },
};
const MODES = ["normal", "alto-contraste"];
const FOCUS_SAMPLE = 40; // tab stops checked per page for a visible focus indicator

const { values: args } = parseArgs({
  options: {
    base: { type: "string", default: "http://127.0.0.1:8177" },
    targets: { type: "string" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    only: { type: "string" },
    "no-keyboard": { type: "boolean", default: false },
    review: { type: "boolean", default: false },
    jobs: { type: "string", default: "2" },
  },
});
if (!args.targets) {
  console.error("usage: check.mjs --base URL --targets targets.json (see scripts/a11y/README.md)");
  process.exit(2);
}
const BASE = args.base.replace(/\/$/, "");
const T = JSON.parse(readFileSync(args.targets, "utf8"));
const editorService = `/gestao/carta/servicos/${T.editor_service_id}`;
// Issue #4: the requests of the demo citizen, the DETRAN-MT inbox and the request-form editor.
const mine = (protocol) => `/conta/solicitacoes/${protocol}`;
const inbox = (protocol) => `/servidor/solicitacoes/${protocol}`;
const formEditor = `/gestao/solicitacoes/servicos/${T.form_service_id}`;
const SEND = "main form[method=post] button[type=submit]";

// --- The pages --------------------------------------------------------------------------------
// `path` is visited directly; `act` brings the page to the state to check (a failed form post).
// `status` is the HTTP status the page must answer with; `editor` pages need the demo editor
// (DETRAN-MT: Carta editor, gestor and atendente) signed in, `citizen` pages the demo citizen
// João (signs in with a password only); `focus` pages also get the focus-indicator walk.
const PAGES = [
  { name: "início", path: "/", focus: true },
  { name: "busca com resultados", path: "/busca/?q=cnh", focus: true },
  { name: "busca sem resultados (sugestões)", path: "/busca/?q=xyzqwe" },
  { name: "todos os serviços", path: "/servicos/" },
  { name: "página de serviço", path: `/servicos/${T.service_slug}/`, focus: true },
  { name: "público: empresa", path: "/publico/empresa/" },
  { name: "áreas de interesse", path: "/areas/" },
  { name: "uma área", path: `/areas/${T.category_slug}/` },
  { name: "órgãos", path: "/orgaos/" },
  { name: "um órgão", path: `/orgaos/${T.agency_slug}/` },
  { name: "carta do órgão", path: `/orgaos/${T.agency_slug}/carta/` },
  { name: "quadro geral", path: "/quadro-geral/" },
  { name: "acessibilidade", path: "/acessibilidade/" },
  { name: "dados abertos", path: "/dados-abertos/" },
  { name: "erro 404", path: "/pagina-que-nao-existe/", status: 404 },
  { name: "erro 400", path: "/servicos/?pagina=abc", status: 400 },
  { name: "entrar", path: "/conta/entrar/", focus: true },
  {
    name: "entrar: CPF e senha inválidos",
    path: "/conta/entrar/",
    status: 400,
    act: async (page) => {
      await page.fill("#id_username", "123.456.789-00");
      await page.fill("#id_password", "x");
      return submit(page, "main form[method=post] button[type=submit]");
    },
  },
  {
    name: "entrar: senha errada",
    path: "/conta/entrar/",
    status: 400,
    act: async (page) => {
      await page.fill("#id_username", T.editor_cpf);
      await page.fill("#id_password", "senha-errada-de-proposito");
      return submit(page, "main form[method=post] button[type=submit]");
    },
  },
  { name: "criar conta", path: "/conta/cadastro/", focus: true },
  {
    name: "criar conta: dados inválidos",
    path: "/conta/cadastro/",
    status: 400,
    act: async (page) => {
      await page.fill("#id_cpf", "123.456.789-00");
      return submit(page, "main form[method=post] button[type=submit]");
    },
  },
  {
    name: "entrar: segunda etapa (aplicativo autenticador)",
    path: "/conta/entrar/",
    act: async (page) => {
      await page.fill("#id_username", T.mfa_cpf);
      await page.fill("#id_password", T.editor_password);
      return submit(page, "main form[method=post] button[type=submit]");
    },
  },
  { name: "recuperar senha", path: "/conta/senha/recuperar/" },
  { name: "reenviar confirmação de e-mail", path: "/conta/email/reenviar/" },
  { name: "entrar com certificado", path: "/conta/nivel/certificado/" },
  { name: "desenvolvedores: MT Login", path: "/desenvolvedores/mt-login/", focus: true },
  { name: "minha conta", path: "/conta/", editor: true, focus: true },
  { name: "minha conta: dados", path: "/conta/dados/", editor: true },
  { name: "minha conta: segurança", path: "/conta/seguranca/", editor: true, focus: true },
  { name: "minha conta: alterar senha", path: "/conta/senha/alterar/", editor: true },
  { name: "verificação em duas etapas", path: "/conta/segundo-fator/", editor: true },
  { name: "verificação: aplicativo autenticador", path: "/conta/segundo-fator/aplicativo/", editor: true },
  { name: "verificação: nova chave de segurança", path: "/conta/segundo-fator/chaves/nova/", editor: true },
  { name: "nível da conta", path: "/conta/nivel/?necessario=ouro&next=/conta/", editor: true, focus: true },
  { name: "área empresarial", path: "/empresas/", editor: true },
  { name: "área empresarial: pedir vínculo", path: "/empresas/pedir-vinculo/", editor: true },
  { name: "área do servidor", path: "/servidor/", editor: true, focus: true },
  { name: "área do servidor: membros do órgão", path: "/servidor/orgaos/detran-mt/membros/", editor: true },
  { name: "área do servidor: vínculos a validar", path: "/servidor/vinculos/", editor: true },
  { name: "área do servidor: validação presencial", path: "/servidor/validacao/", editor: true },
  {
    name: "MT Login: consentimento do aplicativo",
    path: `/o/authorize/?${new URLSearchParams({
      client_id: "mt-cidadao-demo", response_type: "code", scope: "openid profile cpf nivel empresas",
      redirect_uri: "http://localhost:8001/retorno", state: "a11y", nonce: "a11y",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", code_challenge_method: "S256",
      prompt: "consent",
    })}`,
    editor: true,
    focus: true,
  },
  {
    name: "MT Login: endereço de retorno não cadastrado",
    path: "/o/authorize/?client_id=mt-cidadao-demo&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fevil.example%2F",
    editor: true,
    status: 400,
  },
  { name: "gestão: painel", path: "/gestao/carta/", editor: true, focus: true },
  { name: "gestão: serviço", path: `${editorService}/`, editor: true },
  { name: "gestão: histórico de versões", path: `${editorService}/versoes/`, editor: true },
  { name: "gestão: comparação de versões", path: `${editorService}/comparar/`, editor: true },
  { name: "gestão: auditoria", path: `${editorService}/auditoria/`, editor: true },
  { name: "gestão: formulário de edição", path: `${editorService}/editar/`, editor: true, focus: true },
  {
    name: "gestão: formulário com erros",
    path: `${editorService}/editar/`,
    editor: true,
    status: 400,
    act: async (page) => {
      await page.fill("#id_name", "");
      // gov.br DS draws the box on the label: untick with the keyboard, as a user would.
      for (const box of await page.$$("input[name=audiences]:checked")) {
        await box.focus();
        await page.keyboard.press("Space");
      }
      return submit(page, "button[name=salvar]");
    },
  },
  { name: "gestão: prévia da versão", path: `${editorService}/versoes/2/previa/`, editor: true },
  { name: "gestão: confirmar envio para revisão", path: `${editorService}/versoes/2/enviar/`, editor: true },
  { name: "gestão: novo serviço", path: "/gestao/carta/servicos/novo/", editor: true },
  { name: "gestão: unidades", path: "/gestao/carta/unidades/", editor: true },
  { name: "gestão: nova unidade", path: "/gestao/carta/unidades/nova/", editor: true },
  // --- Issue #4: the servants' side (as the DETRAN-MT editor, gestor and atendente) ---
  { name: "servidor: caixa de solicitações", path: "/servidor/solicitacoes/", editor: true, focus: true },
  { name: "servidor: caixa filtrada (pendentes)", path: "/servidor/solicitacoes/?situacao=situacao%3Apendente", editor: true },
  { name: "servidor: solicitação recebida", path: `${inbox(T.inbox_received)}/`, editor: true, focus: true },
  { name: "servidor: solicitação pendente", path: `${inbox(T.request_pending)}/`, editor: true },
  { name: "servidor: ação sobre a solicitação", path: `${inbox(T.inbox_received)}/acao/iniciar_analise/`, editor: true, focus: true },
  { name: "servidor: pagamentos (conciliação)", path: "/servidor/pagamentos/", editor: true, focus: true },
  { name: "pedidos: serviços do órgão", path: "/gestao/solicitacoes/", editor: true, focus: true },
  { name: "pedidos: formulário de um serviço", path: `${formEditor}/`, editor: true, focus: true },
  { name: "pedidos: editar campo", path: `${formEditor}/campos/${T.form_field_key}/editar/`, editor: true, focus: true },
  {
    name: "pedidos: editar campo com erros",
    path: `${formEditor}/campos/${T.form_field_key}/editar/`,
    editor: true,
    status: 400,
    act: async (page) => {
      await page.fill("main form[method=post] input[name=label]", "");
      return submit(page, SEND);
    },
  },
  { name: "pedidos: novo campo", path: `${formEditor}/campos/novo/`, editor: true },
  { name: "pedidos: prévia do formulário", path: `${formEditor}/previa/`, editor: true },
  { name: "pedidos: versões do formulário", path: `${formEditor}/versoes/`, editor: true },
  { name: "pedidos: fluxos do órgão", path: "/gestao/solicitacoes/fluxos/", editor: true },
  { name: "pedidos: editor de fluxo", path: `/gestao/solicitacoes/fluxos/${T.workflow_id}/`, editor: true, focus: true },
  { name: "pedidos: editar etapa do fluxo", path: `/gestao/solicitacoes/fluxos/${T.workflow_id}/etapas/em_analise/editar/`, editor: true },
  // --- Issue #5: the unit's attendance and the gestor's scheduling pages (DETRAN-MT) ---
  { name: "atendimento: unidades", path: "/servidor/atendimento/", editor: true },
  { name: "atendimento: agenda do dia", path: `/servidor/atendimento/${T.sched_calendar_id}/`, editor: true, focus: true },
  { name: "atendimento: check-in", path: `/servidor/atendimento/${T.sched_calendar_id}/check-in/`, editor: true, focus: true },
  {
    name: "atendimento: check-in com erro",
    path: `/servidor/atendimento/${T.sched_calendar_id}/check-in/`,
    editor: true,
    status: 400,
    act: async (page) => {
      await page.fill("main form[method=post] input[name=busca]", "111.111.111-11");
      return submit(page, SEND);
    },
  },
  { name: "atendimento: senha sem agendamento", path: `/servidor/atendimento/${T.sched_calendar_id}/espontaneo/`, editor: true },
  { name: "atendimento: fila de senhas", path: `/servidor/atendimento/${T.sched_calendar_id}/fila/`, editor: true, focus: true },
  { name: "painel de chamadas (sala de espera)", path: `/painel-de-chamadas/${T.sched_calendar_id}/` },
  // --- Issue #5: the citizen's booking (anonymous until the confirmation) and "Meus agendamentos" ---
  { name: "agendar: unidades", path: `/agendamento/${T.sched_service_slug}/`, focus: true },
  { name: "agendar: unidades perto de Sinop", path: `/agendamento/${T.sched_service_slug}/?cidade=Sinop` },
  { name: "agendar: cidade desconhecida", path: `/agendamento/${T.sched_service_slug}/?cidade=Gotham`, status: 400 },
  { name: "agendar: mês", path: `/agendamento/${T.sched_service_slug}/${T.sched_offering_id}/`, focus: true },
  { name: "agendar: horários do dia", path: `/agendamento/${T.sched_service_slug}/${T.sched_offering_id}/${T.sched_open_day}/`, focus: true },
  { name: "agendar: confirmar", path: `/agendamento/horario/${T.sched_slot_id}/confirmar/`, citizen: true, focus: true },
  { name: "meus agendamentos", path: "/conta/agendamentos/", citizen: true, focus: true },
  { name: "meus agendamentos: detalhe", path: `/conta/agendamentos/${T.sched_code}/`, citizen: true },
  { name: "quem acessou meus dados", path: "/conta/acessos-aos-meus-dados/?periodo=tudo", citizen: true, focus: true },
  { name: "meus agendamentos: cancelar", path: `/conta/agendamentos/${T.sched_code}/cancelar/`, citizen: true },
  { name: "agendamento: unidades do órgão", path: "/gestao/agendamento/", editor: true, focus: true },
  { name: "agendamento: números", path: "/gestao/agendamento/numeros/", editor: true },
  { name: "agendamento: unidade", path: `/gestao/agendamento/unidades/${T.sched_unit_id}/`, editor: true, focus: true },
  { name: "agendamento: horários", path: `/gestao/agendamento/unidades/${T.sched_unit_id}/horarios/`, editor: true },
  { name: "agendamento: serviço agendável", path: `/gestao/agendamento/unidades/${T.sched_unit_id}/servicos/${T.sched_offering_id}/`, editor: true },
  { name: "agendamento: novo serviço agendável", path: `/gestao/agendamento/unidades/${T.sched_unit_id}/servicos/novo/`, editor: true },
  // --- Issue #4: public pages ---
  { name: "painel de monitoramento", path: "/painel/", focus: true },
  { name: "painel: órgão", path: `/painel/orgaos/${T.panel_agency_slug}/` },
  { name: "painel: serviço", path: `/painel/servicos/${T.panel_service_slug}/` },
  { name: "painel: dados abertos", path: "/painel/dados/" },
  { name: "autenticidade", path: "/autenticidade/", focus: true },
  { name: "autenticidade: código válido", path: `/autenticidade/?codigo=${T.receipt_code}` },
  { name: "autenticidade: código desconhecido", path: "/autenticidade/?codigo=2222-3333-4444-5555", status: 404 },
  { name: "autenticidade: código mal digitado", path: "/autenticidade/?codigo=abc", status: 400 },
  // --- Issue #4: the requester's side (as the demo citizen João) ---
  { name: "pedido: formulário (taxa, anexos, endereço)", path: `/servicos/${T.submit_fee_slug}/solicitar/`, citizen: true, focus: true },
  {
    name: "pedido: formulário enviado vazio (erros)",
    path: `/servicos/${T.submit_fee_slug}/solicitar/`,
    citizen: true,
    status: 400,
    act: async (page) => submit(page, `${SEND}:has-text("Enviar pedido")`),
  },
  { name: "pedido: outro formulário (escolhas)", path: `/servicos/${T.submit_other_slug}/solicitar/`, citizen: true },
  {
    name: "pedido: outro formulário enviado vazio (erros)",
    path: `/servicos/${T.submit_other_slug}/solicitar/`,
    citizen: true,
    status: 400,
    act: async (page) => submit(page, `${SEND}:has-text("Enviar pedido")`),
  },
  { name: "minhas solicitações", path: "/conta/solicitacoes/", citizen: true, focus: true },
  { name: "solicitação: pergunta do órgão", path: `${mine(T.request_pending)}/`, citizen: true, focus: true },
  { name: "solicitação: aguardando pagamento (PIX)", path: `${mine(T.request_payment)}/`, citizen: true, focus: true },
  { name: "solicitação: concluída", path: `${mine(T.request_concluded)}/`, citizen: true },
  { name: "solicitação: responder ao órgão", path: `${mine(T.request_pending)}/acao/responder/`, citizen: true, focus: true },
  {
    name: "solicitação: resposta vazia (erros)",
    path: `${mine(T.request_pending)}/acao/responder/`,
    citizen: true,
    status: 400,
    act: async (page) => submit(page, SEND),
  },
  { name: "solicitação: cancelar (confirmação)", path: `${mine(T.request_payment)}/acao/cancelar/`, citizen: true },
  { name: "solicitação: comprovante", path: `${mine(T.request_pending)}/comprovante/`, citizen: true },
  { name: "solicitação: avaliar", path: `${mine(T.request_concluded)}/avaliar/`, citizen: true, focus: true },
  {
    name: "solicitação: avaliação vazia (erros)",
    path: `${mine(T.request_concluded)}/avaliar/`,
    citizen: true,
    status: 400,
    act: async (page) => submit(page, SEND),
  },
  { name: "meus documentos", path: "/conta/documentos/", citizen: true },
  { name: "notificações", path: "/conta/notificacoes/", citizen: true, focus: true },
  { name: "notificações: preferências", path: "/conta/notificacoes/preferencias/", citizen: true, focus: true },
  { name: "endereço", path: "/conta/endereco/", citizen: true, focus: true },
];

// --- Issue #6: the conselhos de usuários (paths from the demo: anonymous, João, DETRAN-MT gestor) ---
const pathName = (path) => path.replace(/^\/|\/$/g, "").replace(/[0-9a-f-]{36}/g, "…");
for (const path of T.councils_public || []) PAGES.push({ name: `conselhos: ${pathName(path)}`, path });
for (const path of T.councils_citizen || []) PAGES.push({ name: `conselhos (João): ${pathName(path)}`, path, citizen: true });
// Issue #7: X-VIA's administration (DETRAN-MT's gestor administers its member; the platform's
// administrator operates everything) and the developers' catalogue.
PAGES.push(
  { name: "x-via: início", path: "/servidor/xvia/", editor: true, focus: true },
  { name: "x-via: catálogo de serviços", path: "/xvia/servicos/", editor: true, focus: true },
  { name: "x-via: operador", path: "/servidor/xvia/", as: "admin" },
  { name: "x-via: novo membro", path: "/servidor/xvia/membros/novo/", as: "admin", focus: true },
  { name: "x-via: grupos globais", path: "/servidor/xvia/grupos/", as: "admin" },
  { name: "x-via: autoridades certificadoras", path: "/servidor/xvia/autoridades/", as: "admin" },
  { name: "x-via: auditoria", path: "/servidor/xvia/auditoria/", as: "admin" },
);
if (T.xvia_member_id) {
  PAGES.push(
    { name: "x-via: membro", path: `/servidor/xvia/membros/${T.xvia_member_id}/`, editor: true, focus: true },
    { name: "x-via: novo serviço", path: `/servidor/xvia/membros/${T.xvia_member_id}/servicos/novo/`, editor: true, focus: true },
  );
}
if (T.xvia_service_id) {
  PAGES.push(
    { name: "x-via: serviço e permissões", path: `/servidor/xvia/servicos/${T.xvia_service_id}/`, editor: true, focus: true },
    { name: "x-via: serviço no catálogo", path: `/xvia/servicos/${T.xvia_service_id}/`, editor: true },
  );
}
if (T.xvia_server_id) {
  PAGES.push({ name: "x-via: servidor de segurança", path: `/servidor/xvia/servidores/${T.xvia_server_id}/`, editor: true, focus: true });
}
for (const path of T.councils_staff || []) PAGES.push({ name: `conselhos (gestor): ${pathName(path)}`, path, editor: true });

// --- Issue #8: the Núcleo de Governança Digital (public, the Núcleo, MTI, DETRAN-MT's gestor) ---
PAGES.push(
  { name: "governança: início", path: "/governanca/", focus: true },
  { name: "governança: plano", path: "/governanca/plano/" },
  { name: "governança: dados abertos", path: "/governanca/dados/" },
  { name: "governança: exceções", path: "/governanca/excecoes/", focus: true },
  { name: "governança: catálogo da MTI", path: "/governanca/catalogo-mti/" },
  { name: "governança: justificativas", path: "/governanca/justificativas/" },
  { name: "governança: orientações", path: "/governanca/orientacoes/" },
  { name: "governança (núcleo): início", path: "/servidor/governanca/", as: "nucleo" },
  { name: "governança (núcleo): painel", path: "/servidor/governanca/painel/", as: "nucleo", focus: true },
  { name: "governança (núcleo): plano", path: "/servidor/governanca/plano/", as: "nucleo" },
  { name: "governança (núcleo): novo ciclo", path: "/servidor/governanca/plano/novo/", as: "nucleo", focus: true },
  { name: "governança (núcleo): trilhas", path: "/servidor/governanca/plano/trilhas/", as: "nucleo" },
  { name: "governança (núcleo): exceções", path: "/servidor/governanca/excecoes/", as: "nucleo" },
  { name: "governança (núcleo): mti", path: "/servidor/governanca/mti/", as: "nucleo" },
  { name: "governança (mti): início", path: "/servidor/governanca/mti/", as: "mti", focus: true },
  { name: "governança (mti): novo serviço", path: "/servidor/governanca/mti/servicos/novo/", as: "mti", focus: true },
  { name: "governança (mti): nova justificativa", path: "/servidor/governanca/mti/justificativas/nova/", as: "mti", focus: true },
  { name: "governança (mti): nova orientação", path: "/servidor/governanca/mti/orientacoes/nova/", as: "mti" },
  { name: "governança (gestor): plano", path: "/servidor/governanca/plano/", editor: true },
  { name: "governança (gestor): exceções", path: "/servidor/governanca/excecoes/", editor: true },
  { name: "governança (gestor): novo pedido de exceção", path: "/servidor/governanca/excecoes/novo/", editor: true, focus: true },
);
const gov = [
  [T.gov_track_id, (id) => [
    { name: "governança (núcleo): trilha", path: `/servidor/governanca/plano/trilhas/${id}/`, as: "nucleo" },
    { name: "governança (núcleo): orçamento", path: `/servidor/governanca/plano/trilhas/${id}/orcamento/`, as: "nucleo", focus: true },
    { name: "governança (gestor): trilha", path: `/servidor/governanca/plano/trilhas/${id}/`, editor: true, focus: true },
    { name: "governança (gestor): novo risco", path: `/servidor/governanca/plano/trilhas/${id}/riscos/novo/`, editor: true, focus: true },
  ]],
  [T.gov_open_cycle_id, (id) => [
    { name: "governança (núcleo): ciclo aberto", path: `/servidor/governanca/plano/ciclos/${id}/`, as: "nucleo" },
    { name: "governança (gestor): ciclo aberto", path: `/servidor/governanca/plano/ciclos/${id}/`, editor: true },
  ]],
  [T.gov_exception_number, (n) => [{ name: "governança: exceção", path: `/governanca/excecoes/${n}/` }]],
  [T.gov_exception_id, (id) => [{ name: "governança (núcleo): exceção aprovada", path: `/servidor/governanca/excecoes/${id}/`, as: "nucleo" }]],
  [T.gov_pending_exception_id, (id) => [
    { name: "governança (núcleo): exceção em análise", path: `/servidor/governanca/excecoes/${id}/`, as: "nucleo", focus: true },
  ]],
  [T.gov_mti_code, (c) => [{ name: "governança: serviço da MTI", path: `/governanca/catalogo-mti/${c}/` }]],
  [T.gov_mti_service_id, (id) => [
    { name: "governança (mti): serviço", path: `/servidor/governanca/mti/servicos/${id}/`, as: "mti" },
    { name: "governança (mti): propor preço", path: `/servidor/governanca/mti/servicos/${id}/propor-preco/`, as: "mti", focus: true },
  ]],
  [T.gov_proposal_id, (id) => [
    { name: "governança (núcleo): proposta de preço", path: `/servidor/governanca/mti/precos/${id}/`, as: "nucleo", focus: true },
    { name: "governança (mti): proposta de preço", path: `/servidor/governanca/mti/precos/${id}/`, as: "mti" },
  ]],
  [T.gov_justification_number, (n) => [{ name: "governança: justificativa", path: `/governanca/justificativas/${n}/` }]],
  [T.gov_pending_justification_id, (id) => [
    { name: "governança (núcleo): justificativa", path: `/servidor/governanca/mti/justificativas/${id}/`, as: "nucleo", focus: true },
  ]],
  [T.gov_guide_slug, (s) => [{ name: "governança: orientação", path: `/governanca/orientacoes/${s}/` }]],
  [T.gov_guide_id, (id) => [{ name: "governança (mti): editar orientação", path: `/servidor/governanca/mti/orientacoes/${id}/editar/`, as: "mti", focus: true }]],
];
for (const [value, pages] of gov) if (value) PAGES.push(...pages(value));

// --- Issue #6: the ouvidoria (visitor, João, the DETRAN-MT ouvidora, the Ouvidoria-Geral, the analyst) ---
const minhas = (protocol) => `/conta/manifestacoes/${protocol}`;
const ouv = (protocol) => `/servidor/ouvidoria/${protocol}`;
PAGES.push(
  { name: "ouvidoria", path: "/ouvidoria/", focus: true },
  { name: "ouvidoria: nova manifestação (visitante)", path: "/ouvidoria/nova/", focus: true },
  {
    name: "ouvidoria: manifestação vazia (erros)",
    path: "/ouvidoria/nova/",
    status: 400,
    act: async (page) => submit(page, SEND),
  },
  { name: "ouvidoria: acompanhar com código", path: "/ouvidoria/acompanhar/", focus: true },
  { name: "ouvidoria: nova manifestação (João)", path: "/ouvidoria/nova/", citizen: true },
  { name: "minhas manifestações", path: "/conta/manifestacoes/", citizen: true, focus: true },
  { name: "manifestação: pedido de informação", path: `${minhas(T.ouv_waiting)}/`, citizen: true, focus: true },
  { name: "manifestação: responder", path: `${minhas(T.ouv_waiting)}/responder/`, citizen: true, focus: true },
  { name: "manifestação: concluída", path: `${minhas(T.ouv_concluded)}/`, citizen: true },
  { name: "manifestação: avaliar", path: `${minhas(T.ouv_concluded)}/avaliar/`, citizen: true, focus: true },
  { name: "manifestação: reabrir", path: `${minhas(T.ouv_concluded)}/reabrir/`, citizen: true },
  { name: "manifestação: comprovante", path: `${minhas(T.ouv_concluded)}/comprovante/`, citizen: true },
  { name: "manifestação: autorizar identificação", path: `${minhas(T.ouv_analysis)}/autorizacao/`, citizen: true },
  { name: "ouvidoria: caixa de entrada", path: "/servidor/ouvidoria/", as: "ouvidor", focus: true },
  { name: "ouvidoria: vencidas", path: "/servidor/ouvidoria/?prazo=vencidas", as: "ouvidor" },
  { name: "ouvidoria: registrar no balcão", path: "/servidor/ouvidoria/registrar/", as: "ouvidor", focus: true },
  { name: "ouvidoria: manifestação encaminhada", path: `${ouv(T.ouv_forwarded)}/`, as: "ouvidor", focus: true },
  { name: "ouvidoria: prorrogar encaminhamento", path: `${ouv(T.ouv_forwarded)}/prorrogar-encaminhamento/`, as: "ouvidor" },
  { name: "ouvidoria: encaminhar à área", path: `${ouv(T.ouv_analysis)}/encaminhar/`, as: "ouvidor" },
  { name: "ouvidoria: responder", path: `${ouv(T.ouv_analysis)}/responder/`, as: "ouvidor", focus: true },
  { name: "ouvidoria: arquivar", path: `${ouv(T.ouv_analysis)}/arquivar/`, as: "ouvidor" },
  { name: "ouvidoria: redirecionar", path: `${ouv(T.ouv_analysis)}/redirecionar/`, as: "ouvidor" },
  { name: "ouvidoria-geral: sem órgão", path: "/servidor/ouvidoria/?orgao=sem-orgao", as: "ouvidorGeral" },
  { name: "ouvidoria: área responsável", path: "/servidor/ouvidoria/area/", as: "analyst" },
);
const lastYear = new Date().getFullYear() - 1;
const thisYear = lastYear + 1;
PAGES.push(
  { name: "relatórios de gestão", path: "/ouvidoria/relatorios/", focus: true },
  { name: "relatório de gestão do ano passado", path: `/ouvidoria/relatorios/${lastYear}/`, focus: true },
  { name: "relatório de gestão: órgão", path: `/ouvidoria/relatorios/${lastYear}/orgaos/detran-mt/` },
  { name: "relatório de gestão: ano em curso", path: `/ouvidoria/relatorios/${thisYear}/` },
  { name: "relatórios: ano mal digitado", path: "/ouvidoria/relatorios/?ano=abc", status: 400 },
  { name: "painel: ranking de reclamações", path: "/painel/ouvidoria/", focus: true },
  { name: "painel: ranking de um mês", path: `/painel/ouvidoria/?ano=${lastYear}&mes=6` },
  { name: "relatórios: edição", path: "/servidor/ouvidoria/relatorios/", as: "ouvidorGeral", focus: true },
  { name: "relatórios: análise do ano", path: `/servidor/ouvidoria/relatorios/${lastYear}/`, as: "ouvidorGeral", focus: true },
  { name: "relatórios: análise de órgão", path: `/servidor/ouvidoria/relatorios/${thisYear}/orgaos/detran-mt/`, as: "ouvidorGeral" },
);
if (T.ouv_forwarding_id) {
  PAGES.push({ name: "ouvidoria: extrato na área", path: `/servidor/ouvidoria/area/${T.ouv_forwarding_id}/`, as: "analyst", focus: true });
}

async function submit(page, selector) {
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.locator(selector).first().click(),
  ]);
  return response;
}

// --- Checks -----------------------------------------------------------------------------------
const errors = []; // {page, mode, viewport, rule, impact, help, nodes: [{target, summary}]}
const warnings = [];
const review = []; // WCAG checks axe could not decide
let checkedStates = 0;

function record(list, where, rule, impact, help, nodes) {
  list.push({ ...where, rule, impact, help, nodes });
}

async function runAxe(page, where) {
  const results = await page.evaluate(async ({ source, tags }) => {
    if (!window.axe) {
      // Evaluated through the DevTools protocol, so the page's CSP does not apply to it.
      (0, eval)(source);
    }
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations", "incomplete"],
    });
    const summarise = (v, incomplete) => ({
      id: v.id,
      incomplete,
      impact: v.impact,
      help: v.help,
      tags: v.tags,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(" "),
        summary: incomplete
          ? ((n.any[0] || n.all[0] || {}).message || "").slice(0, 300)
          : (n.failureSummary || "").split("\n").slice(0, 3).join(" ").slice(0, 300),
        html: n.html.slice(0, 160),
      })),
    });
    // Duplicate ids break labels, aria-labelledby/-describedby and skip links (axe no longer
    // checks plain duplicate ids, HTML still forbids them).
    const seen = new Map();
    for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) || 0) + 1);
    const duplicates = [...seen].filter(([, n]) => n > 1).map(([id, n]) => ({
      target: `#${id}`, summary: `${n} elements share this id`, html: "",
    }));
    // A table cell half-scrolled out of its scroll box (at 320 px) cannot have its contrast
    // measured; the same cell is measured in full at desktop width, so drop those from review.
    const inScrollBox = (node) => {
      const el = document.querySelector(node.target[0]);
      for (let n = el && el.parentElement; n && n !== document.body; n = n.parentElement) {
        if (["auto", "scroll"].includes(getComputedStyle(n).overflowX) && n.scrollWidth > n.clientWidth) return true;
      }
      return false;
    };
    for (const v of r.incomplete) {
      v.nodes = v.nodes.filter((n) => !(v.id === "color-contrast" && inScrollBox(n) &&
        [...n.any, ...n.all].some((c) => c.data && /PartiallyObscur/.test(c.data.messageKey || ""))));
    }
    return [
      ...r.violations.map((v) => summarise(v, false)),
      ...r.incomplete.filter((v) => v.nodes.length).map((v) => summarise(v, true)),
      ...(duplicates.length
        ? [{ id: "duplicate-id", incomplete: false, impact: "serious", help: "ids must be unique in the page (WCAG 4.1.1)", tags: ["wcag2a"], nodes: duplicates }]
        : []),
    ];
  }, { source: AXE_SOURCE, tags: [...WCAG_TAGS, "best-practice"] });
  for (const v of results) {
    const isWcag = v.tags.some((t) => WCAG_TAGS.includes(t));
    if (v.incomplete) {
      // axe could not decide (e.g. text next to a drawn checkbox): a person must look; never
      // fails the run, listed with --review.
      if (isWcag) record(review, where, `${v.id} (needs review)`, v.impact, v.help, v.nodes);
    } else {
      record(isWcag ? errors : warnings, where, v.id, v.impact, v.help, v.nodes);
    }
  }
}

async function checkReflow(page, where) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    // Name what sticks out: the outermost element, or the text (a long word overflowing a box
    // that itself fits), leaving out what scrolls inside its own scrollable box.
    const scrollsInside = (start) => {
      for (let n = start; n && n !== document.body; n = n.parentElement) {
        if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(n).overflowX)) return true;
      }
      return false;
    };
    const describe = (el) => {
      const id = el.id ? `#${el.id}` : "";
      const cls = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      return `${el.tagName.toLowerCase()}${id}${cls}`;
    };
    const culprits = [];
    // First pass leaves out what scrolls inside its own box; if that finds nothing, something
    // escapes such a box (e.g. absolutely positioned content): list without the filter.
    for (const filtered of [true, false]) {
      for (const el of document.querySelectorAll("body *")) {
        if (culprits.length >= 8) break;
        const box = el.getBoundingClientRect();
        const parent = el.parentElement.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 1 && (parent.right <= width + 1 || getComputedStyle(el).position === "absolute") &&
            !(filtered && scrollsInside(el.parentElement))) {
          culprits.push({ target: describe(el), summary: `right edge at ${Math.round(box.right)}px`, html: el.outerHTML.slice(0, 160) });
        }
      }
      if (culprits.length) break;
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node && culprits.length < 8; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      const parent = node.parentElement;
      if (box.right > width + 1 && parent.getBoundingClientRect().right <= width + 1 && !scrollsInside(parent)) {
        culprits.push({ target: describe(parent), summary: `text “${node.textContent.trim().slice(0, 60)}” reaches ${Math.round(box.right)}px`, html: "" });
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
  });
  if (overflow) {
    record(errors, where, "reflow-horizontal-scroll", "serious",
      `Page scrolls horizontally at ${overflow.width}px (content ${overflow.scrollWidth}px wide) — WCAG 1.4.10`,
      overflow.culprits);
  }
}

// Playwright's keyboard.press("Alt+1") sends no "char" event, and Chromium matches access keys
// on that event: send the key the way a real keyboard does, through the DevTools protocol.
async function pressAccessKey(page, key) {
  const cdp = await page.context().newCDPSession(page);
  const base = { modifiers: 1 /* Alt */, key, code: `Digit${key}`, windowsVirtualKeyCode: key.charCodeAt(0) };
  await cdp.send("Input.dispatchKeyEvent", { ...base, type: "rawKeyDown" });
  await cdp.send("Input.dispatchKeyEvent", { ...base, type: "char", text: key, unmodifiedText: key });
  await cdp.send("Input.dispatchKeyEvent", { ...base, type: "keyUp" });
  await cdp.detach();
}

async function checkSkipLinks(page, where) {
  const problems = [];
  // The first Tab stop of the page must be the first skip link.
  await page.evaluate(() => {
    document.activeElement && document.activeElement.blur();
    window.scrollTo(0, 0);
  });
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute("accesskey"));
  if (first !== "1") problems.push({ target: "body", summary: "the first Tab stop is not the skip link to the content (accesskey 1)", html: "" });
  for (const key of ["1", "2", "3", "4"]) {
    const link = await page.$(`a[accesskey="${key}"]`);
    if (!link) {
      problems.push({ target: `a[accesskey="${key}"]`, summary: `skip link with accesskey ${key} is missing`, html: "" });
      continue;
    }
    const targetId = (await link.getAttribute("href") || "").replace(/^#/, "");
    const exists = await page.evaluate((id) => !!document.getElementById(id), targetId);
    if (!exists) {
      problems.push({ target: `a[accesskey="${key}"]`, summary: `target #${targetId} does not exist`, html: "" });
      continue;
    }
    // Activate it the way a keyboard user does (focus the link, Enter), then see where focus is.
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForTimeout(50);
    const focused = await page.evaluate((id) => {
      const target = document.getElementById(id);
      const active = document.activeElement;
      return !!active && (active === target || target.contains(active));
    }, targetId);
    if (!focused) problems.push({ target: `a[accesskey="${key}"]`, summary: `Enter on the skip link does not move focus to #${targetId}`, html: "" });
    // And through the accesskey itself (Alt+N in Chromium on Linux), from the top of the page.
    await page.evaluate(() => {
      document.activeElement && document.activeElement.blur();
      history.replaceState(null, "", location.pathname + location.search);
      window.scrollTo(0, 0);
    });
    await pressAccessKey(page, key);
    await page.waitForTimeout(50);
    const viaAccesskey = await page.evaluate((id) => {
      const target = document.getElementById(id);
      const active = document.activeElement;
      return !!active && (active === target || target.contains(active));
    }, targetId);
    if (!viaAccesskey) problems.push({ target: `a[accesskey="${key}"]`, summary: `Alt+${key} does not move focus to #${targetId}`, html: "" });
  }
  if (problems.length) record(errors, where, "skip-links", "serious", "eMAG skip links (Alt+1…4) must exist and move focus", problems);
}

async function checkFocusVisible(page, where, { fromContent }) {
  // Tab through a sample of stops; for each, compare the pixels around the element with focus
  // and after blur: identical pixels = no visible focus. The header and menu are the same on
  // every page: after the first page the walk starts at the main content (the skip link target).
  await page.evaluate((fromContent) => {
    document.activeElement && document.activeElement.blur();
    window.scrollTo(0, 0);
    if (fromContent) document.getElementById("main-content").focus();
  }, fromContent);
  const problems = [];
  const seen = new Set();
  for (let i = 0; i < FOCUS_SAMPLE; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      el.scrollIntoView({ block: "center", inline: "nearest" });
      const r = el.getBoundingClientRect();
      const path = [];
      for (let n = el; n && n !== document.body && path.length < 4; n = n.parentElement) {
        path.unshift(n.id ? `${n.tagName.toLowerCase()}#${n.id}` : n.tagName.toLowerCase());
      }
      return {
        key: path.join(" > ") + "|" + (el.getAttribute("href") || el.getAttribute("name") || el.textContent.trim().slice(0, 40)),
        target: path.join(" > "),
        html: el.outerHTML.slice(0, 160),
        box: { x: r.x, y: r.y, width: r.width, height: r.height },
        vw: window.innerWidth, vh: window.innerHeight,
      };
    });
    if (!info) break;
    if (seen.has(info.key)) break; // wrapped around
    seen.add(info.key);
    const pad = 10;
    const x = Math.max(0, Math.floor(info.box.x - pad));
    const y = Math.max(0, Math.floor(info.box.y - pad));
    const clip = {
      x, y,
      width: Math.max(1, Math.min(info.vw - x, Math.ceil(info.box.width + 2 * pad))),
      height: Math.max(1, Math.min(info.vh - y, Math.ceil(info.box.height + 2 * pad))),
    };
    if (info.box.width === 0 || info.box.height === 0) {
      problems.push({ target: info.target, summary: "focused element has no size (invisible)", html: info.html });
      continue;
    }
    const focused = await page.screenshot({ clip, animations: "disabled", caret: "hide" });
    await page.evaluate(() => { window.__a11yFocused = document.activeElement; document.activeElement.blur(); });
    const blurred = await page.screenshot({ clip, animations: "disabled", caret: "hide" });
    await page.evaluate(() => { window.__a11yFocused.focus({ preventScroll: true }); });
    if (focused.equals(blurred)) {
      problems.push({ target: info.target, summary: "no visible focus indicator", html: info.html });
    }
  }
  if (problems.length) record(errors, where, "focus-visible", "serious", "Every element reached with Tab must show where the focus is (WCAG 2.4.7)", problems);
  return seen.size;
}

// --- Driving the browser ----------------------------------------------------------------------
const ACCOUNTS = {
  editor: { cpf: T.editor_cpf, next: "/gestao/carta/", label: "the demo editor" },
  citizen: { cpf: T.citizen_cpf, next: "/conta/", label: "the demo citizen" },
  ouvidor: { cpf: T.ouvidor_cpf, next: "/conta/", label: "the DETRAN-MT ouvidora" },
  ouvidorGeral: { cpf: T.ouvidor_geral_cpf, next: "/conta/", label: "the Ouvidoria-Geral's ouvidor" },
  analyst: { cpf: T.analyst_cpf, next: "/conta/", label: "the DETRAN-MT analyst" },
  admin: { cpf: T.admin_cpf, next: "/conta/", label: "the platform's administrator (X-VIA operator)" },
  nucleo: { cpf: T.gov_nucleo_cpf, next: "/conta/", label: "the Núcleo de Governança Digital's member" },
  mti: { cpf: T.gov_mti_cpf, next: "/conta/", label: "MTI's staff" },
};

async function signIn(page, who, mode) {
  const account = ACCOUNTS[who];
  // Another account: start a new session (the contrast cookie is the only one to keep).
  const context = page.context();
  await context.clearCookies();
  if (mode === "alto-contraste") await context.addCookies([{ name: "contraste", value: "alto", url: BASE }]);
  await page.goto(`${BASE}/conta/entrar/?next=${account.next}`);
  await page.fill("#id_username", account.cpf);
  await page.fill("#id_password", T.editor_password);
  const response = await submit(page, "main form[method=post] button[type=submit]");
  if (!new URL(page.url()).pathname.startsWith(account.next)) {
    throw new Error(`signing in as ${account.label} failed (HTTP ${response && response.status()}, at ${page.url()})`);
  }
}

async function scanContext(browser, mode, viewportName) {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewportName],
    locale: "pt-BR",
    reducedMotion: "reduce",
  });
  if (mode === "alto-contraste") {
    await context.addCookies([{ name: "contraste", value: "alto", url: BASE }]);
  }
  const page = await context.newPage();
  const cspViolations = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  let focusStops = 0;
  let signedInAs = null;
  for (const spec of PAGES) {
    if (args.only && !args.only.split("|").some((part) => spec.name.includes(part))) continue;
    const where = { page: spec.name, path: spec.path, mode, viewport: viewportName };
    const who = spec.as || (spec.citizen ? "citizen" : spec.editor ? "editor" : null);
    if (who && signedInAs !== who) {
      await signIn(page, who, mode);
      signedInAs = who;
    }
    cspViolations.length = 0;
    let response = await page.goto(`${BASE}${spec.path}`, { waitUntil: "load" });
    if (spec.act) response = await spec.act(page);
    const status = response ? response.status() : 0;
    if (status !== (spec.status || 200)) {
      record(errors, where, "http-status", "critical", `expected HTTP ${spec.status || 200}, got ${status} at ${page.url()}`, []);
      continue;
    }
    if (mode === "alto-contraste" && !(await page.evaluate(() => document.documentElement.classList.contains("high-contrast")))) {
      record(errors, where, "high-contrast-mode", "critical", "the high-contrast cookie did not switch the page to high contrast", []);
    }
    await page.evaluate(() => document.fonts.ready);
    await runAxe(page, where);
    if (viewportName === "mobile") await checkReflow(page, where);
    if (!args["no-keyboard"]) {
      if (spec.name === "início" || spec.name === "gestão: painel") await checkSkipLinks(page, where);
      if (spec.focus && viewportName === "desktop") {
        focusStops += await checkFocusVisible(page, where, { fromContent: spec !== PAGES[0] });
      }
    }
    if (cspViolations.length) {
      record(errors, where, "content-security-policy", "serious", "the browser blocked something the page needs (CSP)",
        [...new Set(cspViolations)].map((text) => ({ target: "console", summary: text.slice(0, 300), html: "" })));
    }
    checkedStates += 1;
  }
  await context.close();
  return focusStops;
}

function printReport(list, label) {
  const byRule = new Map();
  for (const item of list) {
    const key = `${item.rule}`;
    if (!byRule.has(key)) byRule.set(key, []);
    byRule.get(key).push(item);
  }
  for (const [rule, items] of byRule) {
    console.log(`\n${label} ${rule} [${items[0].impact || "-"}] ${items[0].help}`);
    for (const item of items) {
      console.log(`  · ${item.page} (${item.path}) — ${item.mode}, ${item.viewport}`);
      for (const node of item.nodes.slice(0, 6)) {
        console.log(`      ${node.target}${node.summary ? `\n        ${node.summary}` : ""}`);
      }
      if (item.nodes.length > 6) console.log(`      … and ${item.nodes.length - 6} more element(s)`);
    }
  }
}

async function main() {
  const started = performance.now();
  const browser = await chromium.launch({
    executablePath: args.chromium,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run",
    ],
  });
  let focusStops = 0;
  // One browser context per (width, mode), a few at a time (each is a separate session with
  // its own cookies, so the runs do not interfere).
  const jobs = Object.keys(VIEWPORTS).flatMap((viewportName) => MODES.map((mode) => [mode, viewportName]));
  const workers = Math.max(1, Math.min(jobs.length, Number(args.jobs) || 1));
  try {
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (let job = jobs.shift(); job; job = jobs.shift()) {
          const stops = await scanContext(browser, ...job);
          focusStops += stops;
        }
      }),
    );
  } finally {
    await browser.close();
  }
  const order = (item) => [PAGES.findIndex((p) => p.name === item.page), Object.keys(VIEWPORTS).indexOf(item.viewport), MODES.indexOf(item.mode)];
  const byOrder = (a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  };
  errors.sort(byOrder);
  warnings.sort(byOrder);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (args.review && review.length) printReport(review, "REVIEW");
  if (warnings.length) printReport(warnings, "WARNING");
  if (errors.length) printReport(errors, "VIOLATION");
  console.log(
    `\nAccessibility scan: ${checkedStates} page states checked (${PAGES.length} pages × ${MODES.length} modes × ` +
      `${Object.keys(VIEWPORTS).length} widths), ${focusStops} tab stops checked for visible focus, in ${seconds}s.`,
  );
  const reviewNodes = review.reduce((n, item) => n + item.nodes.length, 0);
  console.log(
    `${errors.length} violation(s) (WCAG 2.0/2.1 A/AA, reflow, keyboard, CSP); ${warnings.length} best-practice warning(s); ` +
      `${reviewNodes} element(s) axe could not decide${args.review ? "" : " (--review lists them)"}.`,
  );
  process.exitCode = errors.length ? 1 : 0;
}

main().catch((err) => {
  console.error(`The accessibility scan could not run: ${err.stack || err}`);
  process.exitCode = 2;
});
