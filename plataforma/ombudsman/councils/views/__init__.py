"""Views of the conselhos de usuários: public pages, the person's pages and the staff's pages."""
