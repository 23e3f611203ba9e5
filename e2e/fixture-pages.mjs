// Fixture web pages the journeys serve on loopback.

/** A product page: JSON-LD with name and price in EUR, the same visibly; no brand. */
export function productPage({ name, price }) {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name,
    offers: { '@type': 'Offer', price, priceCurrency: 'EUR', availability: 'https://schema.org/InStock' },
  };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>
<script type="application/ld+json">${JSON.stringify(data)}</script></head>
<body><h1>${name}</h1><p>Price: ${price} EUR</p></body></html>`;
}
