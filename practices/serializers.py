"""How a practice's related records look in the JSON API (/api/v2/practices/).

Each field reads what the endpoint prefetched (``.all()`` on a prefetched
relation costs no query), so a listing makes the same number of queries for
ten practices or a thousand.
"""

from rest_framework.fields import Field


def term_data(term):
    data = {"slug": term.slug, "name": term.name}
    short_name = getattr(term, "short_name", "")
    if short_name:
        data["short_name"] = short_name
    return data


class TermField(Field):
    """A taxonomy value: ``{"slug": "uchitel-uchitel", "name": "учитель – учитель", ...}``."""

    def to_representation(self, value):
        return term_data(value) if value is not None else None


class TermListField(Field):
    def to_representation(self, value):
        return [term_data(term) for term in value.all()]


class TagListField(Field):
    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class AuthorListField(Field):
    def to_representation(self, value):
        request = self.context.get("request")
        authors = []
        for link in value.all():
            profile = link.author
            url = profile.get_absolute_url()
            authors.append(
                {
                    "name": " ".join(
                        part
                        for part in (profile.last_name, profile.first_name, profile.middle_name)
                        if part
                    ),
                    "position": profile.position,
                    "profile_url": request.build_absolute_uri(url) if request else url,
                }
            )
        return authors


class ResourceListField(Field):
    def to_representation(self, value):
        request = self.context.get("request")
        resources = []
        for resource in value.all():
            document = resource.document
            url = document.url
            resources.append(
                {
                    "title": resource.display_title,
                    "url": request.build_absolute_uri(url) if request else url,
                    "file_extension": document.file_extension,
                    "file_size": document.file_size,
                }
            )
        return resources


class OrganisationField(Field):
    def to_representation(self, value):
        if value is None:
            return None
        return {"name": value.name, "short_name": value.short_name}


class MunicipalityField(Field):
    def to_representation(self, value):
        if value is None:
            return None
        return {"slug": value.slug, "name": value.name}
