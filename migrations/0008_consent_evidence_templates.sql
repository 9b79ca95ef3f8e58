CREATE TABLE "consent_form_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"ern_id" uuid,
	"language" text NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"blob_key" text NOT NULL,
	"wrapped_key" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone,
	"retired_by" uuid,
	CONSTRAINT "consent_form_templates_blob_key_unique" UNIQUE("blob_key"),
	CONSTRAINT "consent_form_templates_version" UNIQUE NULLS NOT DISTINCT("kind","ern_id","language","version"),
	CONSTRAINT "consent_form_templates_kind" CHECK (kind in ('care', 'ernRegistries', 'researchContact', 'photographs')),
	CONSTRAINT "consent_form_templates_language" CHECK ("consent_form_templates"."language" ~ '^[a-z]{2}$'),
	CONSTRAINT "consent_form_templates_retired" CHECK (("consent_form_templates"."retired_at" is null) = ("consent_form_templates"."retired_by" is null))
);
--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_kind";--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "evidence_attachment_id" uuid;--> statement-breakpoint
ALTER TABLE "consent_form_templates" ADD CONSTRAINT "consent_form_templates_ern_id_erns_id_fk" FOREIGN KEY ("ern_id") REFERENCES "public"."erns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_form_templates" ADD CONSTRAINT "consent_form_templates_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_form_templates" ADD CONSTRAINT "consent_form_templates_retired_by_people_id_fk" FOREIGN KEY ("retired_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_evidence_attachment_id_attachments_id_fk" FOREIGN KEY ("evidence_attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_evidence" CHECK (("consents"."evidence" = 'upload') = ("consents"."evidence_attachment_id" is not null));--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_kind" CHECK (kind in ('document', 'image', 'photograph', 'vcf', 'report', 'consentForm'));