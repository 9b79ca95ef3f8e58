CREATE TABLE "patient_blind_indexes" (
	"patient_id" uuid NOT NULL,
	"hospital_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"digest" text NOT NULL,
	CONSTRAINT "patient_blind_indexes_unique" UNIQUE("hospital_id","kind","digest")
);
--> statement-breakpoint
CREATE TABLE "patient_identities" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"sealed" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patient_keys" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"wrapped_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_code" text NOT NULL,
	"nickname" text NOT NULL,
	"hospital_id" uuid NOT NULL,
	"sex" text NOT NULL,
	"year_of_birth" integer,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "patients_patient_code_unique" UNIQUE("patient_code"),
	CONSTRAINT "patients_sex" CHECK (sex in ('female', 'male', 'other', 'unknown')),
	CONSTRAINT "patients_year_of_birth" CHECK ("patients"."year_of_birth" is null or "patients"."year_of_birth" between 1880 and 2200)
);
--> statement-breakpoint
ALTER TABLE "patient_blind_indexes" ADD CONSTRAINT "patient_blind_indexes_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_blind_indexes" ADD CONSTRAINT "patient_blind_indexes_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_identities" ADD CONSTRAINT "patient_identities_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_keys" ADD CONSTRAINT "patient_keys_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patient_blind_indexes_patient" ON "patient_blind_indexes" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "patients_hospital" ON "patients" USING btree ("hospital_id");