def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def titles(results):
    return [hit.title for hit in results.hits]


def facet_counts(results, name):
    """{value: count} of one facet of ``results`` (empty when the facet is not shown)."""
    for facet in results.facets:
        if facet.name == name:
            return {option.value: option.count for option in facet.options}
    return {}


def synthetic_record(object_id, title, body="", section="practices", facets=None, **fields):
    """An ``IndexRecord`` written straight to a backend: facets the models do not have yet."""
    from django.contrib.contenttypes.models import ContentType

    from search.registry import IndexRecord
    from search.registry import registry as search_registry

    registration = search_registry.for_section(section)
    all_facets = {"type": ((section, str(registration.section_label)),)}
    all_facets.update({name: tuple(values) for name, values in (facets or {}).items()})
    recommended = fields.pop("recommended", False)
    return IndexRecord(
        content_type_id=ContentType.objects.get_for_model(registration.model).pk,
        object_id=object_id,
        section=section,
        title=title,
        body=body,
        keywords=fields.pop("keywords", ""),
        url=f"/synthetic/{object_id}/",
        facets=all_facets,
        boost=fields.pop("boost", 1.0) * (1.5 if recommended else 1.0),
        recommended=recommended,
        date=fields.pop("date", None),
        badges=tuple(fields.pop("badges", ())),
    )
