"""Adapters of core.payments.PaymentGateway: Paystack, Flutterwave, Stripe."""
