"""How each region's shoppers read a landing page: the order of its blocks and what stands out.

Editable in admin once loaded; loading again never overwrites what people changed.
"""

PLAYBOOKS: dict[str, dict] = {
    "europe": {
        "blocks": ["specifications", "certifications", "offer", "usage_scenes", "delivery", "payment"],
        "emphasized": ["specifications"],
        "why": "Shoppers compare materials, sizes and certifications before they look at the price.",
    },
    "north-america": {
        "blocks": ["specifications", "offer", "usage_scenes", "certifications", "delivery", "payment"],
        "emphasized": ["specifications"],
        "why": "Specifications and reviews first; the price follows once the product convinces.",
    },
    "east-asia": {
        "blocks": ["specifications", "certifications", "usage_scenes", "offer", "delivery", "payment"],
        "emphasized": ["specifications"],
        "why": "Detailed specifications and quality marks build trust (Japan, Korea); the offer comes after.",
    },
    "southeast-asia": {
        "blocks": ["offer", "delivery", "payment", "usage_scenes", "specifications", "certifications"],
        "emphasized": ["offer"],
        "why": "Marketplace shoppers look for the price and the promotion first, then free and fast delivery.",
    },
    "latin-america": {
        "blocks": ["offer", "payment", "delivery", "usage_scenes", "specifications", "certifications"],
        "emphasized": ["offer", "payment"],
        "why": "The holiday offer and how to pay (cash, instalments, Pix) decide the purchase.",
    },
    "middle-east": {
        "blocks": ["offer", "delivery", "payment", "usage_scenes", "certifications", "specifications"],
        "emphasized": ["offer", "payment"],
        "why": "The occasion's offer, delivery in time and cash on delivery come first.",
    },
    "south-asia": {
        "blocks": ["offer", "payment", "delivery", "usage_scenes", "specifications", "certifications"],
        "emphasized": ["offer", "payment"],
        "why": "Price and cash on delivery first: many shoppers pay at the door.",
    },
}
