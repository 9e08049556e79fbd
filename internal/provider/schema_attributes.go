package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The attribute shapes most data sources declare, written once.

func optionalList(desc string) schema.ListAttribute {
	return schema.ListAttribute{MarkdownDescription: desc, ElementType: types.StringType, Optional: true}
}

func computedList(desc string) schema.ListAttribute {
	return schema.ListAttribute{MarkdownDescription: desc, ElementType: types.StringType, Computed: true}
}

func optionalString(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Optional: true}
}

func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
}

func computedBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: desc, Computed: true}
}
