package web

import (
	"strconv"
	"time"

	"broen/locales"
	"broen/registry"
)

// schema.org data for search engines and other services that read pages.

func placeLD(l registry.Location) map[string]any {
	p := map[string]any{
		"@type": "Place",
		"name":  l.Name,
		"address": map[string]any{
			"@type":           "PostalAddress",
			"streetAddress":   l.Address,
			"postalCode":      l.Postcode,
			"addressLocality": l.City,
			"addressCountry":  l.Country,
		},
	}
	if l.Lat != 0 || l.Lng != 0 {
		p["geo"] = map[string]any{"@type": "GeoCoordinates", "latitude": l.Lat, "longitude": l.Lng}
	}
	return p
}

func activityLD(base string, l *locales.Localizer, a *registry.Activity, org *registry.Organisation, next []registry.Occurrence) map[string]any {
	_, title := a.Title.Pick(l.Lang)
	_, desc := a.Description.Pick(l.Lang)
	url := base + "/activities/" + strconv.FormatInt(a.ID, 10)
	ld := map[string]any{
		"@context":            "https://schema.org",
		"@type":               "EventSeries",
		"@id":                 url,
		"url":                 url,
		"name":                title,
		"description":         desc,
		"inLanguage":          a.Languages,
		"eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
		"location":            placeLD(a.Location),
		"organizer":           map[string]any{"@type": "Organization", "name": org.Name, "url": base + "/organisations/" + strconv.FormatInt(org.ID, 10)},
		"isAccessibleForFree": a.Cost.Kind == registry.CostFree,
	}
	if a.AgeMin > 0 || a.AgeMax > 0 {
		ld["typicalAgeRange"] = ageRangeLD(a.AgeMin, a.AgeMax)
	}
	if a.Cost.Kind == registry.CostPaid {
		ld["offers"] = map[string]any{"@type": "Offer", "price": float64(a.Cost.Price) / 100, "priceCurrency": a.Cost.Currency}
	}
	var sub []map[string]any
	for _, o := range next {
		sub = append(sub, map[string]any{
			"@type":       "Event",
			"name":        title,
			"startDate":   o.Start.Format(time.RFC3339),
			"endDate":     o.End.Format(time.RFC3339),
			"eventStatus": "https://schema.org/EventScheduled",
			"location":    placeLD(a.Location),
		})
	}
	if len(sub) > 0 {
		ld["subEvent"] = sub
	}
	return ld
}

func ageRangeLD(lo, hi int) string {
	switch {
	case hi <= 0:
		return strconv.Itoa(lo) + "-"
	default:
		return strconv.Itoa(lo) + "-" + strconv.Itoa(hi)
	}
}

func organisationLD(base string, l *locales.Localizer, o *registry.Organisation) map[string]any {
	_, desc := o.Description.Pick(l.Lang)
	url := base + "/organisations/" + strconv.FormatInt(o.ID, 10)
	ld := map[string]any{
		"@context":    "https://schema.org",
		"@type":       "Organization",
		"@id":         url,
		"url":         url,
		"name":        o.Name,
		"description": desc,
	}
	if o.Website != "" {
		ld["sameAs"] = o.Website
	}
	if o.OrgNumber != "" {
		ld["identifier"] = map[string]any{"@type": "PropertyValue", "propertyID": "orgnr-" + o.Country, "value": o.OrgNumber}
	}
	if o.Address != "" {
		ld["address"] = map[string]any{"@type": "PostalAddress", "streetAddress": o.Address, "postalCode": o.Postcode,
			"addressLocality": o.City, "addressCountry": o.Country}
	}
	if o.ContactPublic {
		if o.Email != "" {
			ld["email"] = o.Email
		}
		if o.Phone != "" {
			ld["telephone"] = o.Phone
		}
	}
	return ld
}
