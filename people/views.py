"""Public reading pages for people and organisations: published material only."""
from django.views.generic import DetailView, ListView

from .models import Organization, Person


class PersonListView(ListView):
    paginate_by = 50

    def get_queryset(self):
        return Person.objects.public().search(self.request.GET.get("q"))


class PersonDetailView(DetailView):
    def get_queryset(self):
        return Person.objects.public()


class OrganizationDetailView(DetailView):
    def get_queryset(self):
        return Organization.objects.public()
