"""The requester's pages (Lei 14.129 art. 21): submit a request, follow it, answer, cancel, the
comprovante, attachments and "Meus documentos". Servants work requests in the inbox (inbox/)."""
