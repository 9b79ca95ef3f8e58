CREATE TABLE "installation" (
	"singleton" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"installation_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"environment" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_version" text NOT NULL,
	CONSTRAINT "installation_singleton" CHECK ("installation"."singleton" = 1),
	CONSTRAINT "installation_environment" CHECK ("installation"."environment" in ('training', 'production'))
);
--> statement-breakpoint
CREATE TABLE "disease_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ern_id" uuid NOT NULL,
	"name" text NOT NULL,
	"panel_use" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "disease_groups_ern_name" UNIQUE("ern_id","name")
);
--> statement-breakpoint
CREATE TABLE "erns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"field" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "erns_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "hospitals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"country" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hospitals_name_city" UNIQUE("name","city"),
	CONSTRAINT "hospitals_country" CHECK ("hospitals"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"hospital_id" uuid NOT NULL,
	"ern_id" uuid NOT NULL,
	"type" text NOT NULL,
	CONSTRAINT "memberships_hospital_id_ern_id_pk" PRIMARY KEY("hospital_id","ern_id"),
	CONSTRAINT "memberships_type" CHECK ("memberships"."type" in ('fullMember', 'affiliatedPartner'))
);
--> statement-breakpoint
ALTER TABLE "disease_groups" ADD CONSTRAINT "disease_groups_ern_id_erns_id_fk" FOREIGN KEY ("ern_id") REFERENCES "public"."erns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_ern_id_erns_id_fk" FOREIGN KEY ("ern_id") REFERENCES "public"."erns"("id") ON DELETE no action ON UPDATE no action;