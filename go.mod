module github.com/iamv2/terraform-provider-iamv2

go 1.26.8
